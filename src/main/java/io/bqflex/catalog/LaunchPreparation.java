package io.bqflex.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks everything a launch is made of before anything is printed: the parameters against the
 * template's metadata, the environment, the job name and the spec's location. Every problem is one
 * line naming the parameter or flag; all of them are reported together.
 */
public final class LaunchPreparation {
  /** Where {@code cloudbuild.yaml} uploads specs by default: {@code _TEMPLATE_BUCKET}. */
  static final String DEFAULT_BUCKET_SUFFIX = "-dataflow-templates";

  private static final Pattern GCS_JSON =
      Pattern.compile("gs://[a-z0-9][-a-z0-9_.]{1,220}[a-z0-9]/\\S+\\.json");
  private static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
  private static final Pattern PROJECT = Pattern.compile("[a-z][-a-z0-9]{4,28}[a-z0-9]");

  private LaunchPreparation() {}

  /** What a user asked for; nulls where they gave nothing. */
  public record Request(
      Map<String, String> parameters,
      LaunchEnvironment environment,
      String jobName,
      String templateLocation,
      String project,
      String region) {}

  /**
   * The launch of {@code entry} that {@code request} describes, with a job name derived from the id
   * and {@code now} when none is given, and the spec location derived from the project when none is
   * given.
   *
   * @throws ParameterValidationException with every problem, one line each
   */
  public static Launch prepare(CatalogEntry entry, Request request, Instant now) {
    List<String> problems = new ArrayList<>();
    problems.addAll(entry.parameterProblems(request.parameters()));
    LaunchEnvironment environment =
        request.environment() == null ? LaunchEnvironment.NONE : request.environment();
    problems.addAll(environment.problems(entry.metadata()));
    projectProblem(request.project()).ifPresent(problems::add);
    if (request.region() != null && !REGION.matcher(request.region()).matches()) {
      problems.add(
          "--region: '"
              + request.region()
              + "' is not a Google Cloud region, e.g. us-central1 or europe-west4");
    }

    String jobName = request.jobName();
    if (jobName == null) {
      jobName = JobNames.derive(entry.id(), now);
    } else {
      JobNames.problem(jobName).ifPresent(problems::add);
    }

    String location = request.templateLocation();
    if (location != null && !GCS_JSON.matcher(location).matches()) {
      problems.add(
          "--template-location: '"
              + location
              + "' is not a Cloud Storage path of a spec file, e.g. gs://BUCKET/templates/"
              + entry.id()
              + ".json");
    } else if (location == null && request.project() == null) {
      problems.add(
          "--template-location: give the spec's Cloud Storage path, or --project to use where"
              + " cloudbuild.yaml puts it by default (gs://PROJECT"
              + DEFAULT_BUCKET_SUFFIX
              + "/templates/"
              + entry.id()
              + ".json)");
    } else if (location == null) {
      location = defaultTemplateLocation(request.project(), entry.id());
    }
    if (!problems.isEmpty()) {
      throw new ParameterValidationException(problems);
    }
    return new Launch(entry.id(), jobName, location, request.parameters(), environment);
  }

  /** Where {@code cloudbuild.yaml} registers the template's spec when its bucket is not changed. */
  public static String defaultTemplateLocation(String project, String templateId) {
    return "gs://" + project + DEFAULT_BUCKET_SUFFIX + "/templates/" + templateId + ".json";
  }

  /** What is wrong with {@code project} as a project id, if it is given. */
  static java.util.Optional<String> projectProblem(String project) {
    if (project == null || PROJECT.matcher(project).matches()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "--project: '"
            + project
            + "' is not a project id: 6 to 30 lower-case letters, digits or '-', starting with a"
            + " letter (the id, not the project's display name or number)");
  }
}
