package io.bqflex.catalog;

import com.google.api.services.dataflow.model.LaunchFlexTemplateParameter;
import com.google.api.services.dataflow.model.LaunchFlexTemplateRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One checked launch of a template (see {@link LaunchPreparation}): what the REST request, the
 * gcloud command line and the scheduler job are all rendered from, so they cannot disagree.
 */
public record Launch(
    String templateId,
    String jobName,
    String templateLocation,
    Map<String, String> parameters,
    LaunchEnvironment environment) {

  public Launch {
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(templateLocation, "templateLocation");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    environment = environment == null ? LaunchEnvironment.NONE : environment;
  }

  /** The body of {@code projects.locations.flexTemplates.launch} in the Dataflow API's model. */
  public LaunchFlexTemplateRequest toRequest() {
    LaunchFlexTemplateParameter parameter =
        new LaunchFlexTemplateParameter()
            .setJobName(jobName)
            .setContainerSpecGcsPath(templateLocation)
            .setParameters(new LinkedHashMap<>(parameters));
    if (!environment.equals(LaunchEnvironment.NONE)) {
      parameter.setEnvironment(environment.toApi());
    }
    return new LaunchFlexTemplateRequest().setLaunchParameter(parameter);
  }

  /** The request body as JSON, as POSTed to the API or stored in a scheduler job. */
  public String requestJson() {
    return ApiJson.pretty(ApiJson.tree(toRequest()));
  }

  /** The REST endpoint that launches it in {@code project} and {@code region}. */
  public static String launchUri(String project, String region) {
    return "https://dataflow.googleapis.com/v1b3/projects/"
        + project
        + "/locations/"
        + region
        + "/flexTemplates:launch";
  }
}
