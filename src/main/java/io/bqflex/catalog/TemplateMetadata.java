package io.bqflex.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A template's metadata: Dataflow's {@code TemplateMetadata} with its exact JSON field names, the
 * content of {@code metadata/<id>.json} and of the {@code metadata} object of a Flex Template spec.
 * Read one with {@link MetadataLoader}; write one with {@link #toJson()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "description",
  "streaming",
  "supportsAtLeastOnce",
  "supportsExactlyOnce",
  "defaultStreamingMode",
  "yamlDefinition",
  "parameters"
})
public record TemplateMetadata(
    String name,
    String description,
    List<ParameterMetadata> parameters,
    Boolean streaming,
    Boolean supportsAtLeastOnce,
    Boolean supportsExactlyOnce,
    String defaultStreamingMode,
    String yamlDefinition) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public TemplateMetadata {
    Objects.requireNonNull(name, "name");
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
  }

  /** The parameter called {@code parameterName}, if the template has one. */
  public Optional<ParameterMetadata> parameter(String parameterName) {
    return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
  }

  /** This metadata as a JSON tree, absent fields left out; to embed in a Flex Template spec. */
  public JsonNode toJsonTree() {
    return JSON.valueToTree(this);
  }

  /** This metadata as indented JSON, absent fields left out. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      // Only strings, booleans, lists and maps: Jackson cannot fail on them.
      throw new IllegalStateException("cannot write template metadata " + name + " as JSON", e);
    }
  }
}
