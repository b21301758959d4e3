package io.bqflex.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code java -jar target/bqflex.jar <command>}: the catalog's command line. */
@Command(
    name = "bqflex",
    mixinStandardHelpOptions = true,
    version = "bqflex 0.1.0",
    description = "Dataflow Flex Templates from Cloud Storage and Pub/Sub into BigQuery.",
    subcommands = {
      ListCommand.class,
      DescribeCommand.class,
      ValidateCommand.class,
      RunCommand.class,
      SpecCommand.class,
      LaunchRequestCommand.class,
      GcloudRunCommand.class,
      ScheduleCommand.class,
      DocsCommand.class,
      HelpCommand.class
    })
public final class BqflexCommand implements Runnable {

  public static void main(String[] args) {
    BeamConsoleLog.install();
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit status (0 ok, 1 failed, 2 bad input). */
  public static int execute(String... args) {
    // One writer for every subcommand, flushed at the end: commands print without newlines.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    try {
      CommandLine commandLine =
          new CommandLine(new BqflexCommand())
              .setOut(out)
              .setExecutionExceptionHandler(new FailureHandler());
      // Every command, present and future, answers --help and -h (and --version); `help` has
      // its own.
      commandLine.getSubcommands().values().stream()
          .filter(sub -> sub.getCommandSpec().findOption("--help") == null)
          .forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
      return commandLine.execute(args);
    } finally {
      out.flush();
    }
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
