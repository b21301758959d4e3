package io.bqflex.catalog;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Cloud Scheduler job that launches a template: an HTTP POST of the {@link Launch}'s request body
 * to {@code flexTemplates:launch}, authenticated with an OAuth token of {@code serviceAccount}.
 * Rendered as the {@code gcloud scheduler jobs create http} command (with the body in a file) or,
 * by {@link TerraformSchedulerJob}, as Terraform.
 */
public record SchedulerJob(
    String name,
    String schedule,
    String timeZone,
    String project,
    String region,
    String serviceAccount,
    Launch launch) {

  /**
   * The scope of the token Cloud Scheduler sends: {@code flexTemplates.launch} accepts
   * cloud-platform (or compute), and a token for dataflow.googleapis.com needs one of them.
   */
  public static final String OAUTH_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

  private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9_-]{1,500}");

  /** A cron field: numbers, names (JAN, MON), '*', ranges, steps and lists. */
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*/,-]+");

  public SchedulerJob {
    Objects.requireNonNull(launch, "launch");
  }

  /**
   * Every problem of the scheduler's own settings (the launch is checked already), one line each
   * naming the flag.
   */
  public static List<String> problems(
      String name, String schedule, String timeZone, String serviceAccount) {
    List<String> problems = new ArrayList<>();
    if (name != null && !JOB_NAME.matcher(name).matches()) {
      problems.add(
          "--name: '"
              + name
              + "' is not a Cloud Scheduler job name: letters, digits, '-' and '_', at most 500");
    }
    String[] fields = schedule.trim().split("\\s+");
    boolean cron = fields.length == 5;
    for (String field : fields) {
      cron &= CRON_FIELD.matcher(field).matches();
    }
    if (!cron) {
      problems.add(
          "--schedule: '"
              + schedule
              + "' is not a unix-cron schedule of 5 fields (minute hour day-of-month month"
              + " day-of-week), e.g. '0 3 * * *' for 03:00 every day");
    }
    if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
      String hint =
          ClosestName.of(timeZone, ZoneId.getAvailableZoneIds())
              .map(z -> "did you mean '" + z + "'? ")
              .orElse("");
      problems.add(
          "--time-zone: '"
              + timeZone
              + "' is not a time zone of the tz database; "
              + hint
              + "e.g. Etc/UTC or Europe/Berlin");
    }
    if (!serviceAccount.matches("[^@\\s]+@[^@\\s]+")) {
      problems.add(
          "--service-account: '"
              + serviceAccount
              + "' is not a service account email, e.g. scheduler@PROJECT.iam.gserviceaccount.com");
    }
    return problems;
  }

  /** The Dataflow endpoint the job POSTs to. */
  public String uri() {
    return Launch.launchUri(project, region);
  }

  /** The request body the job sends. */
  public String body() {
    return launch.requestJson();
  }

  /**
   * The {@code gcloud scheduler jobs create http} command that reads the body from {@code
   * bodyFile}.
   */
  public String gcloudCommand(String bodyFile) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("gcloud", "scheduler", "jobs", "create", "http", name));
    lines.add(List.of("--project=" + project));
    lines.add(List.of("--location=" + region));
    lines.add(List.of("--schedule=" + schedule));
    lines.add(List.of("--time-zone=" + timeZone));
    lines.add(List.of("--uri=" + uri()));
    lines.add(List.of("--http-method=POST"));
    lines.add(List.of("--headers=Content-Type=application/json"));
    lines.add(List.of("--oauth-service-account-email=" + serviceAccount));
    lines.add(List.of("--oauth-token-scope=" + OAUTH_SCOPE));
    lines.add(List.of("--message-body-from-file=" + bodyFile));
    return GcloudRun.lines(lines);
  }
}
