package io.bqflex.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code launch-request <id> --parameters ...}: the body of a {@code flexTemplates:launch} call.
 */
@Command(
    name = "launch-request",
    description = "Print the flexTemplates:launch request body (LaunchFlexTemplateRequest).")
final class LaunchRequestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LaunchFlags launch;

  @Mixin StampedJobName jobName;

  @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout.")
  Path output;

  @Override
  public Integer call() throws Exception {
    Output.write(
        launch.prepare(jobName.value, null).requestJson(), output, spec.commandLine().getOut());
    launch.noteChecksLeftToLaunch(spec.commandLine().getErr());
    return 0;
  }
}
