package io.bqflex.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One choice of an ENUM parameter: Dataflow's {@code ParameterMetadataEnumOption}. Only {@code
 * value} is required; the Console shows {@code label} (or the value) and {@code description}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"value", "label", "description"})
public record EnumOption(String value, String label, String description) {
  public EnumOption {
    Objects.requireNonNull(value, "value");
  }
}
