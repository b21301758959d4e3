package io.bqflex.cli;

import io.bqflex.catalog.GcloudRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gcloud-run <id> --parameters ...}: the same launch as a gcloud command line. */
@Command(
    name = "gcloud-run",
    description = "Print the equivalent 'gcloud dataflow flex-template run' command line.")
final class GcloudRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LaunchFlags launch;

  @Mixin StampedJobName jobName;

  @Option(names = "--region", paramLabel = "REGION", description = "Dataflow region.")
  String region;

  @Override
  public Integer call() {
    spec.commandLine()
        .getOut()
        .print(GcloudRun.render(launch.prepare(jobName.value, region), launch.project, region));
    launch.noteChecksLeftToLaunch(spec.commandLine().getErr());
    return 0;
  }
}
