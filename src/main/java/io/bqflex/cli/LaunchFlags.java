package io.bqflex.cli;

import io.bqflex.catalog.CatalogEntry;
import io.bqflex.catalog.Launch;
import io.bqflex.catalog.LaunchParameters;
import io.bqflex.catalog.LaunchPreparation;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every launching command takes: the template, its parameters, the job and its environment.
 * The job name is each command's own, because its default differs (see {@link StampedJobName}).
 */
final class LaunchFlags {
  @Parameters(
      index = "0",
      paramLabel = "TEMPLATE",
      description = "Template id, e.g. gcs-csv-to-bigquery.")
  String templateId;

  @Option(
      names = "--parameters",
      paramLabel = "k=v,...",
      defaultValue = "",
      description =
          "Template parameters in gcloud's --parameters syntax (^~^ for values with commas).")
  String parameters;

  @Option(
      names = "--template-location",
      paramLabel = "gs://...",
      description =
          "The spec file; default: gs://PROJECT-dataflow-templates/templates/TEMPLATE.json,"
              + " where cloudbuild.yaml puts it.")
  String templateLocation;

  @Option(names = "--project", paramLabel = "PROJECT", description = "Google Cloud project id.")
  String project;

  @Mixin EnvironmentFlags environment;

  CatalogEntry entry() {
    return TemplateIds.entry(templateId);
  }

  /**
   * The checked launch named {@code jobName} (null: the command's default) in {@code region} (may
   * be null); throws with one line per problem.
   */
  Launch prepare(String jobName, String region) {
    return LaunchPreparation.prepare(
        entry(),
        new LaunchPreparation.Request(
            LaunchParameters.parse(parameters),
            environment.toEnvironment(),
            jobName,
            templateLocation,
            project,
            region),
        Instant.now());
  }

  /**
   * Says on {@code err}, one line each, which checks of the parameters this machine could not make
   * (a schema on Cloud Storage, the existing table) and leaves to the launch.
   */
  void noteChecksLeftToLaunch(PrintWriter err) {
    entry()
        .check(LaunchParameters.parse(parameters))
        .leftToLaunch()
        .forEach(line -> err.println("bqflex: note: " + line));
  }
}
