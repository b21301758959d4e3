package io.bqflex.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the catalog knows of a template without building its pipeline: its id, its Flex main class
 * and its metadata. Source and destination are read from the metadata's parameter types, so a new
 * template describes itself.
 */
public record CatalogEntry(
    String id,
    String mainClass,
    TemplateMetadata metadata,
    List<ParameterRule> rules,
    LaunchChecks launchChecks) {

  public CatalogEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(mainClass, "mainClass");
    Objects.requireNonNull(metadata, "metadata");
    rules = List.copyOf(rules);
    Objects.requireNonNull(launchChecks, "launchChecks");
  }

  /** An entry with no checks beyond its metadata and {@code rules}. */
  public CatalogEntry(
      String id, String mainClass, TemplateMetadata metadata, List<ParameterRule> rules) {
    this(id, mainClass, metadata, rules, LaunchChecks.NONE);
  }

  /** An entry whose parameters need no rule beyond the metadata's. */
  public CatalogEntry(String id, String mainClass, TemplateMetadata metadata) {
    this(id, mainClass, metadata, List.of());
  }

  /** Every problem of {@code params} for this template, one line each; empty when they are fine. */
  public List<String> parameterProblems(Map<String, String> params) {
    return check(params).problems();
  }

  /**
   * The metadata's checks of {@code params} and, once they pass, the template's {@link
   * LaunchChecks}: what its parameters ask of the schema file, when this machine can read it.
   */
  public LaunchChecks.Findings check(Map<String, String> params) {
    List<String> problems = ParameterValidator.problems(metadata, rules, params, Set.of());
    return problems.isEmpty()
        ? launchChecks.check(params)
        : new LaunchChecks.Findings(problems, List.of());
  }

  public boolean streaming() {
    return Boolean.TRUE.equals(metadata.streaming());
  }

  /** "batch" or "streaming". */
  public String mode() {
    return streaming() ? "streaming" : "batch";
  }

  /** Where the template reads, e.g. "Cloud Storage files" or "Pub/Sub". */
  public String source() {
    return describe(true);
  }

  /** Where the template writes, e.g. "BigQuery". */
  public String destination() {
    return describe(false);
  }

  private String describe(boolean reads) {
    Set<String> kinds = new LinkedHashSet<>();
    // A schema file or UDF is read from Cloud Storage too; the "Source" group, where a template
    // has one, says which parameters name the data.
    boolean grouped = metadata.parameters().stream().anyMatch(CatalogEntry::inSourceGroup);
    for (ParameterMetadata parameter : metadata.parameters()) {
      if (reads && grouped && !inSourceGroup(parameter)) {
        continue;
      }
      String kind = reads ? readKind(parameter.type()) : writeKind(parameter.type());
      if (kind != null) {
        kinds.add(kind);
      }
    }
    return kinds.isEmpty() ? "-" : String.join(", ", kinds);
  }

  private static boolean inSourceGroup(ParameterMetadata parameter) {
    return "Source".equalsIgnoreCase(parameter.groupName());
  }

  private static String readKind(ParameterType type) {
    switch (type) {
      case GCS_READ_FILE:
      case GCS_READ_FOLDER:
      case GCS_READ_BUCKET:
        return "Cloud Storage files";
      case PUBSUB_SUBSCRIPTION:
      case PUBSUB_TOPIC:
        return "Pub/Sub";
      case KAFKA_TOPIC:
      case KAFKA_READ_TOPIC:
        return "Kafka";
      default:
        return null;
    }
  }

  private static String writeKind(ParameterType type) {
    switch (type) {
      case BIGQUERY_TABLE:
        return "BigQuery";
      case KAFKA_WRITE_TOPIC:
        return "Kafka";
      default:
        return null;
    }
  }
}
