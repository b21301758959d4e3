package io.bqflex.cli;

import io.bqflex.catalog.LaunchParameters;
import io.bqflex.local.LocalRun;
import io.bqflex.pipeline.Template;
import java.nio.file.Path;
import java.util.Map;
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

  @Override
  public Integer call() throws Exception {
    Template<?> template = TemplateIds.resolve(templateId);
    Map<String, String> values = LaunchParameters.parse(parameters);
    new LocalRun(template, values, dir, System.out).execute();
    return 0;
  }
}
