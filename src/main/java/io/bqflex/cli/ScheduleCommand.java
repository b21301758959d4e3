package io.bqflex.cli;

import io.bqflex.catalog.Launch;
import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.catalog.SchedulerJob;
import io.bqflex.catalog.TerraformSchedulerJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schedule <id> ...}: a Cloud Scheduler job that launches the template: writes the request
 * body and prints the {@code gcloud scheduler jobs create http} command, or prints Terraform.
 */
@Command(
    name = "schedule",
    description =
        "Print the Cloud Scheduler job that launches a template on a schedule (gcloud command"
            + " and its body file, or Terraform).")
final class ScheduleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LaunchFlags launch;

  @Option(
      names = "--job-name",
      paramLabel = "NAME",
      description =
          "Dataflow job name; default: the template id. Fixed, not stamped with the time: the"
              + " body is sent unchanged at every run, and Dataflow refuses a launch while a job"
              + " of that name runs.")
  String jobName;

  @Option(
      names = "--schedule",
      required = true,
      paramLabel = "CRON",
      description = "unix-cron schedule, e.g. '0 3 * * *'.")
  String schedule;

  @Option(
      names = "--time-zone",
      required = true,
      paramLabel = "TZ",
      description = "Time zone of the schedule, e.g. Etc/UTC or Europe/Berlin.")
  String timeZone;

  @Option(
      names = "--region",
      required = true,
      paramLabel = "REGION",
      description = "Region of the Dataflow job and of the scheduler job.")
  String region;

  @Option(
      names = "--service-account",
      required = true,
      paramLabel = "EMAIL",
      description =
          "Service account whose OAuth token the scheduler sends; it needs the Dataflow"
              + " Developer role and to act as the workers' service account.")
  String serviceAccount;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Scheduler job name; default: the Dataflow job name.")
  String name;

  @Option(
      names = "--body-file",
      paramLabel = "FILE",
      description = "Where to write the request body; default: NAME-launch.json.")
  Path bodyFile;

  @Option(
      names = "--terraform",
      description = "Print a google_cloud_scheduler_job resource instead (body inline).")
  boolean terraform;

  @Override
  public Integer call() throws Exception {
    List<String> problems = new ArrayList<>();
    if (launch.project == null) {
      problems.add("--project: required; the project where the job runs");
    }
    problems.addAll(SchedulerJob.problems(name, schedule, timeZone, serviceAccount));
    Launch checked = null;
    try {
      checked = launch.prepare(jobName == null ? launch.templateId : jobName, region);
    } catch (ParameterValidationException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ParameterValidationException(problems);
    }
    if (launch.entry().streaming()) {
      // A streaming job runs until drained, so a schedule is a keep-alive, not a series of runs.
      spec.commandLine()
          .getErr()
          .println(
              "bqflex: note: "
                  + launch.templateId
                  + " is a streaming template: its job runs until drained. Each scheduled launch"
                  + " uses the job name '"
                  + checked.jobName()
                  + "', which Dataflow refuses while that job runs, so the schedule restarts the"
                  + " job only when it has stopped.");
    }
    launch.noteChecksLeftToLaunch(spec.commandLine().getErr());
    String jobName = name == null ? checked.jobName() : name;
    SchedulerJob job =
        new SchedulerJob(
            jobName, schedule, timeZone, launch.project, region, serviceAccount, checked);
    if (terraform) {
      spec.commandLine().getOut().print(TerraformSchedulerJob.render(job));
      return 0;
    }
    Path body = bodyFile == null ? Path.of(jobName + "-launch.json") : bodyFile;
    Output.write(job.body(), body, null);
    // The command alone on stdout, so it can be piped to a shell; the note goes to stderr.
    spec.commandLine().getErr().println("bqflex: wrote the request body to " + body);
    spec.commandLine().getOut().print(job.gcloudCommand(body.toString()));
    return 0;
  }
}
