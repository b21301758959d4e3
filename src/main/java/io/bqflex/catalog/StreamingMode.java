package io.bqflex.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * Dataflow's streaming modes as a launch chooses them. The REST API takes {@code
 * environment.streamingMode}; gcloud's {@code flex-template run} has no flag for it, only {@code
 * --additional-experiments}, and our pipeline reads the experiment (see {@code WriteMethods}), so
 * an at-least-once launch carries both.
 */
public enum StreamingMode {
  EXACTLY_ONCE("STREAMING_MODE_EXACTLY_ONCE", null, "supportsExactlyOnce"),
  AT_LEAST_ONCE(
      "STREAMING_MODE_AT_LEAST_ONCE", "streaming_mode_at_least_once", "supportsAtLeastOnce");

  private final String apiValue;
  private final String experiment;
  private final String metadataField;

  StreamingMode(String apiValue, String experiment, String metadataField) {
    this.apiValue = apiValue;
    this.experiment = experiment;
    this.metadataField = metadataField;
  }

  /** The value of {@code FlexTemplateRuntimeEnvironment.streamingMode}. */
  public String apiValue() {
    return apiValue;
  }

  /** The Dataflow experiment that selects this mode; none for the default exactly-once mode. */
  public Optional<String> experiment() {
    return Optional.ofNullable(experiment);
  }

  /** The metadata field by which a template declares that it supports this mode. */
  String metadataField() {
    return metadataField;
  }

  boolean supportedBy(TemplateMetadata metadata) {
    return Boolean.TRUE.equals(
        this == AT_LEAST_ONCE ? metadata.supportsAtLeastOnce() : metadata.supportsExactlyOnce());
  }

  /**
   * Reads {@code exactly-once}, {@code AT_LEAST_ONCE}, {@code STREAMING_MODE_AT_LEAST_ONCE}...
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static StreamingMode parse(String text) {
    String name =
        text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replaceFirst("^STREAMING_MODE_", "");
    for (StreamingMode mode : values()) {
      if (mode.name().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "--streaming-mode: '"
            + text
            + "' is not a streaming mode; use exactly-once or at-least-once");
  }
}
