package io.bqflex.catalog;

/**
 * A {@link SchedulerJob} as a Terraform {@code google_cloud_scheduler_job} resource, the request
 * body inline so the file stands alone.
 */
public final class TerraformSchedulerJob {
  private TerraformSchedulerJob() {}

  public static String render(SchedulerJob job) {
    String body = job.body().stripTrailing().replace("\n", "\n      ");
    return "resource \"google_cloud_scheduler_job\" "
        + quote(resourceName(job.name()))
        + " {\n"
        + "  name      = "
        + quote(job.name())
        + "\n"
        + "  project   = "
        + quote(job.project())
        + "\n"
        + "  region    = "
        + quote(job.region())
        + "\n"
        + "  schedule  = "
        + quote(job.schedule())
        + "\n"
        + "  time_zone = "
        + quote(job.timeZone())
        + "\n\n"
        + "  http_target {\n"
        + "    http_method = \"POST\"\n"
        + "    uri         = "
        + quote(job.uri())
        + "\n"
        + "    headers = {\n"
        + "      \"Content-Type\" = \"application/json\"\n"
        + "    }\n"
        // The API takes the body as base64; a heredoc keeps the JSON readable in review.
        + "    body = base64encode(<<-EOT\n"
        + "      "
        + escapeTemplate(body)
        + "\n"
        + "    EOT\n"
        + "    )\n\n"
        + "    oauth_token {\n"
        + "      service_account_email = "
        + quote(job.serviceAccount())
        + "\n"
        + "      scope                 = "
        + quote(SchedulerJob.OAUTH_SCOPE)
        + "\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  /** A Terraform resource name: letters, digits, '_' and '-', not starting with a digit. */
  static String resourceName(String jobName) {
    String name = jobName.replace('-', '_');
    return Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }

  /** A quoted HCL string: backslash escapes, and template sequences kept literal. */
  static String quote(String value) {
    String escaped =
        value
            .replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t");
    return "\"" + escapeTemplate(escaped) + "\"";
  }

  /** Inside strings and heredocs HCL interpolates {@code ${...}} and {@code %{...}}. */
  static String escapeTemplate(String text) {
    return text.replace("${", "$${").replace("%{", "%%{");
  }
}
