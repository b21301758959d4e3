package io.bqflex.cli;

import io.bqflex.catalog.LaunchParameters;
import io.bqflex.local.LocalPubsubInput;
import io.bqflex.local.LocalPubsubRun;
import io.bqflex.local.LocalRun;
import io.bqflex.local.SampleMessages;
import io.bqflex.pipeline.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run <id> --local DIR --parameters ...}: the template's own pipeline, on this machine. */
@Command(
    name = "run",
    description = "Run a template's pipeline locally on the DirectRunner with in-process BigQuery.")
final class RunCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "TEMPLATE",
      description = "Template id, e.g. gcs-csv-to-bigquery.")
  String templateId;

  @Option(
      names = "--local",
      required = true,
      paramLabel = "DIR",
      description = "Directory for the tables (<project>.<dataset>.<table>.json) and summary.json.")
  Path dir;

  @Option(
      names = "--parameters",
      paramLabel = "k=v,...",
      defaultValue = "",
      description =
          "Launch parameters in gcloud's --parameters syntax (^~^ for values with commas).")
  String parameters;

  @Option(
      names = {"--pubsubRootUrl", "--pubsub-root-url"},
      paramLabel = "URL",
      description =
          "Pub/Sub templates: a running emulator, e.g. http://127.0.0.1:8085. Default: start the"
              + " installed emulator for the run and stop it after.")
  String pubsubRootUrl;

  @Option(
      names = "--messages",
      paramLabel = "FILE",
      description =
          "Pub/Sub templates: messages to publish, one {\"data\": ..., \"attributes\": {...}}"
              + " a line. Default: templates/<id>/samples/messages.jsonl.")
  Path messages;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description =
          "Pub/Sub templates: fail when the messages are not all accounted for after this long.")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    try {
      return runLocally();
    } catch (OutOfMemoryError e) {
      // picocli hands only exceptions to the failure handler, which says how to add memory.
      throw new IllegalStateException("out of memory", e);
    }
  }

  private Integer runLocally() throws Exception {
    Template<?> template = TemplateIds.resolve(templateId);
    Map<String, String> values = LaunchParameters.parse(parameters);
    LocalRun run = new LocalRun(template, values, dir, System.out);
    run.validate();
    Optional<LocalPubsubInput> pubsub = LocalPubsubInput.of(template.metadata(), values);
    if (pubsub.isEmpty()) {
      run.execute();
      return 0;
    }
    Path file =
        messages != null
            ? messages
            : Path.of("templates", template.id(), "samples", "messages.jsonl");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "--messages: no file "
              + file
              + "; give a file of messages to publish, one {\"data\": ..., \"attributes\":"
              + " {...}} a line");
    }
    new LocalPubsubRun(run, pubsub.get(), SampleMessages.read(file), System.out)
        .execute(pubsubRootUrl, Duration.ofSeconds(timeoutSeconds));
    return 0;
  }
}
