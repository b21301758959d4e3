package io.bqflex.catalog;

import com.google.api.services.bigquery.model.TableFieldSchema;
import io.bqflex.core.DeadLetterSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A template's {@code templates/<id>/README.md}, generated from its metadata so the docs cannot
 * drift from what the Console shows and the launcher checks. Hand-written parts come from {@code
 * templates/<id>/notes.md}, included as they are.
 */
public final class TemplateReadme {
  private static final String JAR = "java -jar target/bqflex.jar";

  // Markers on the line before a fence, read by the README walk (ReadmeWalkIT): run the block
  // offline, or compare it with what the command above printed or wrote. Invisible when rendered.
  private static final String RUNS_OFFLINE = "<!-- runs offline -->\n";
  private static final String RUNS_OFFLINE_WITH_EMULATOR =
      "<!-- runs offline; needs the Pub/Sub emulator -->\n";
  private static final String OUTPUT_OF_COMMAND_ABOVE = "<!-- output of the command above -->\n";

  private TemplateReadme() {}

  /**
   * The README of {@code entry}; {@code sampleParameters} is the content of its {@code
   * samples/parameters.txt} (gcloud syntax, local paths).
   */
  public static String render(CatalogEntry entry, String sampleParameters, Optional<String> notes) {
    TemplateMetadata metadata = entry.metadata();
    String id = entry.id();
    StringBuilder md = new StringBuilder();
    md.append("<!-- Generated from metadata/")
        .append(id)
        .append(".json by `")
        .append(JAR)
        .append(" docs`: edit the metadata or templates/")
        .append(id)
        .append("/notes.md, not this file. -->\n\n");
    md.append("# ").append(metadata.name()).append("\n\n");
    md.append("`")
        .append(id)
        .append("` · ")
        .append(entry.mode())
        .append(" · reads ")
        .append(entry.source())
        .append(" · writes ")
        .append(entry.destination())
        .append(" · Flex main class `")
        .append(entry.mainClass())
        .append("`\n\n");
    if (metadata.description() != null) {
      md.append(metadata.description()).append("\n\n");
    }
    parameters(md, entry);
    notes.ifPresent(n -> md.append(n.strip()).append("\n\n"));
    deadLetters(md);
    Map<String, String> local = LaunchParameters.parse(sampleParameters.strip());
    localRun(md, entry, local);
    onDataflow(md, entry, DocExamples.onDataflow(metadata, local));
    return md.toString().stripTrailing() + "\n";
  }

  private static void parameters(StringBuilder md, CatalogEntry entry) {
    ParameterGroups groups = ParameterGroups.of(entry.metadata());
    md.append("## Parameters\n\n");
    md.append("`")
        .append(JAR)
        .append(" describe ")
        .append(
            "<id>` prints the same. Every launch is checked against them before a job"
                + " starts.\n\n");
    md.append("### Required\n\n");
    entry.rules().forEach(rule -> md.append(rule.description()).append("\n\n"));
    if (groups.required().isEmpty()) {
      md.append("None.\n\n");
    } else {
      md.append("| Parameter | Type | Description |\n|---|---|---|\n");
      for (ParameterMetadata p : groups.required()) {
        md.append("| `")
            .append(p.name())
            .append("` | ")
            .append(p.type())
            .append(" | ")
            .append(cell(help(p)))
            .append(" |\n");
      }
      md.append('\n');
    }
    for (Map.Entry<String, List<ParameterMetadata>> group : groups.optionalByGroup().entrySet()) {
      md.append("### Optional: ").append(group.getKey()).append("\n\n");
      md.append("| Parameter | Type | Default | Description |\n|---|---|---|---|\n");
      for (ParameterMetadata p : group.getValue()) {
        md.append("| `")
            .append(p.name())
            .append("` | ")
            .append(p.type())
            .append(" | ")
            .append(p.defaultValue() == null ? "" : "`" + cell(p.defaultValue()) + "`")
            .append(" | ")
            .append(cell(help(p)))
            .append(" |\n");
      }
      md.append('\n');
    }
  }

  private static String help(ParameterMetadata parameter) {
    String conditions = ParameterGroups.conditions(parameter);
    return conditions.isEmpty() ? parameter.helpText() : parameter.helpText() + " " + conditions;
  }

  private static void deadLetters(StringBuilder md) {
    md.append("## Dead-letter table\n\n");
    md.append(
        "Every record that cannot be written goes to `outputDeadletterTable` (default: the output"
            + " table's name followed by `"
            + DeadLetterSchema.DEFAULT_SUFFIX
            + "`), with its original payload and the reason. One schema for the whole catalog:\n\n");
    md.append("| Column | Type | Mode |\n|---|---|---|\n");
    columns(md, "", DeadLetterSchema.schema().getFields());
    md.append('\n');
  }

  private static void columns(StringBuilder md, String prefix, List<TableFieldSchema> fields) {
    for (TableFieldSchema field : fields) {
      md.append("| `")
          .append(prefix)
          .append(field.getName())
          .append("` | ")
          .append(field.getType())
          .append(" | ")
          .append(field.getMode())
          .append(" |\n");
      if (field.getFields() != null) {
        columns(md, prefix + field.getName() + ".", field.getFields());
      }
    }
  }

  private static void localRun(StringBuilder md, CatalogEntry entry, Map<String, String> local) {
    String id = entry.id();
    md.append("## Run it locally\n\n");
    md.append(
        "On the sample in `templates/"
            + id
            + "/samples/`, with Beam's DirectRunner and in-process BigQuery (tables land in"
            + " `target/local-run/`):\n\n");
    md.append(entry.source().contains("Pub/Sub") ? RUNS_OFFLINE_WITH_EMULATOR : RUNS_OFFLINE);
    md.append("```sh\nmvn -B -q package -DskipTests\n")
        .append(JAR)
        .append(" run ")
        .append(id)
        .append(" --local target/local-run --parameters \"$(cat templates/")
        .append(id)
        .append("/samples/parameters.txt)\"\n```\n\n");
    md.append("where `parameters.txt` holds:\n\n")
        .append(contentsOf("templates/" + id + "/samples/parameters.txt"))
        .append("```\n")
        .append(LaunchParameters.format(local))
        .append("\n```\n\n");
  }

  private static void onDataflow(StringBuilder md, CatalogEntry entry, Map<String, String> params) {
    String id = entry.id();
    String project = DocExamples.PROJECT;
    String region = DocExamples.REGION;
    Launch launch =
        new Launch(
            id,
            id,
            LaunchPreparation.defaultTemplateLocation(project, id),
            params,
            LaunchEnvironment.NONE);
    String flags =
        " --project "
            + project
            + " --job-name "
            + id
            + " --parameters "
            + ShellWords.quote(LaunchParameters.format(params));
    md.append("## Run it on Dataflow\n\n");
    md.append(
        "The examples assume the spec that `cloudbuild.yaml` registers by default, the sample"
            + " files copied to `"
            + DocExamples.BUCKET
            + "/samples/` and project `"
            + project
            + "`. Each is printed by the `bqflex` command above it; add environment flags"
            + " (`--max-workers`, `--worker-machine-type`, `--service-account-email`,"
            + " `--temp-location`, `--network`, `--additional-user-labels`, ...) as needed."
            + " Without `--job-name`, a name is derived from the id and the time.\n\n");

    md.append("### gcloud\n\n")
        .append(RUNS_OFFLINE)
        .append("```sh\n")
        .append(JAR)
        .append(" gcloud-run ")
        .append(id)
        .append(" --region ")
        .append(region)
        .append(flags)
        .append("\n```\n\nprints\n\n")
        .append(OUTPUT_OF_COMMAND_ABOVE)
        .append("```sh\n")
        .append(GcloudRun.render(launch, project, region))
        .append("```\n\n");

    md.append("### REST\n\n")
        .append(RUNS_OFFLINE)
        .append("```sh\n")
        .append(JAR)
        .append(" launch-request ")
        .append(id)
        .append(flags)
        .append(" > launch.json\n```\n\nwrites the request body to `launch.json`:\n\n")
        .append(contentsOf("launch.json"))
        .append("```json\n")
        .append(launch.requestJson())
        .append("```\n\nand this sends it:\n\n```sh\n")
        .append("curl -X POST -H \"Authorization: Bearer $(gcloud auth print-access-token)\"")
        .append(" -H 'Content-Type: application/json' -d @launch.json \\\n    ")
        .append(Launch.launchUri(project, region))
        .append("\n```\n\n");

    md.append("### Cloud Scheduler\n\n");
    if (entry.streaming()) {
      md.append(
          "A streaming job runs until it is drained or cancelled: launch it once with gcloud or"
              + " REST rather than on a schedule.\n");
      return;
    }
    String serviceAccount = "scheduler@" + project + ".iam.gserviceaccount.com";
    SchedulerJob job =
        new SchedulerJob(id, "0 3 * * *", "Etc/UTC", project, region, serviceAccount, launch);
    String bodyFile = id + "-launch.json";
    md.append(
        "Every day at 03:00 UTC. The job name stays the same, so Dataflow refuses a launch"
            + " while the previous run is still going. `--terraform` prints the same job as a"
            + " `google_cloud_scheduler_job` resource.\n\n");
    md.append(RUNS_OFFLINE)
        .append("```sh\n")
        .append(JAR)
        .append(" schedule ")
        .append(id)
        .append(" --schedule '0 3 * * *' --time-zone Etc/UTC --region ")
        .append(region)
        .append(" --service-account ")
        .append(serviceAccount)
        .append(" --body-file ")
        .append(bodyFile)
        .append(flags)
        .append("\n```\n\nwrites the body (the `launch.json` above) to `")
        .append(bodyFile)
        .append("` and prints the command that creates the job:\n\n")
        .append(OUTPUT_OF_COMMAND_ABOVE)
        .append("```sh\n")
        .append(job.gcloudCommand(bodyFile))
        .append("```\n");
  }

  /** The marker of a block that shows {@code path} (relative to the project root) as it is. */
  private static String contentsOf(String path) {
    return "<!-- contents of " + path + " -->\n";
  }

  /** Text for a Markdown table cell. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
