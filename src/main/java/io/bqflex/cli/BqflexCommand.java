package io.bqflex.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar target/bqflex.jar <command>}: the catalog's command line. */
@Command(
    name = "bqflex",
    mixinStandardHelpOptions = true,
    version = "bqflex 0.1.0",
    description = "Dataflow Flex Templates from Cloud Storage and Pub/Sub into BigQuery.",
    subcommands = {RunCommand.class})
public final class BqflexCommand implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit status (0 ok, 1 failed, 2 bad input). */
  public static int execute(String... args) {
    return new CommandLine(new BqflexCommand())
        .setExecutionExceptionHandler(new FailureHandler())
        .execute(args);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
