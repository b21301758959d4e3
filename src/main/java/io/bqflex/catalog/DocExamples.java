package io.bqflex.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a template's local sample parameters (paths in this repository, the local project) into the
 * parameters of the same run on Dataflow, for the README's examples: files are assumed copied to
 * {@code gs://my-bucket/samples/}, tables and Pub/Sub resources live in {@code my-project}.
 */
final class DocExamples {
  static final String PROJECT = "my-project";
  static final String REGION = "us-central1";
  static final String BUCKET = "gs://my-bucket";

  private DocExamples() {}

  static Map<String, String> onDataflow(TemplateMetadata metadata, Map<String, String> local) {
    Map<String, String> remote = new LinkedHashMap<>();
    local.forEach(
        (name, value) -> {
          ParameterType type =
              metadata.parameter(name).map(ParameterMetadata::type).orElse(ParameterType.TEXT);
          remote.put(name, onDataflow(type, value));
        });
    return remote;
  }

  private static String onDataflow(ParameterType type, String value) {
    switch (type) {
      case GCS_READ_FILE:
      case GCS_READ_FOLDER:
      case GCS_WRITE_FILE:
      case GCS_WRITE_FOLDER:
      case JAVASCRIPT_UDF_FILE:
        if (value.startsWith("gs://")) {
          return value;
        }
        return BUCKET + "/samples/" + value.substring(value.lastIndexOf('/') + 1);
      case BIGQUERY_TABLE:
        // project:dataset.table or project.dataset.table: replace the project.
        return value.replaceFirst("^[^:.]+(?=[:.][^:.]+\\.)", PROJECT);
      case PUBSUB_TOPIC:
      case PUBSUB_SUBSCRIPTION:
        return value.replaceFirst("^projects/[^/]+/", "projects/" + PROJECT + "/");
      default:
        return value;
    }
  }
}
