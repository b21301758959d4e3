package io.bqflex.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One template parameter: Dataflow's {@code ParameterMetadata} with its exact JSON field names.
 *
 * <p>Fields the file leaves out are null (lists and maps: empty) so that writing the model back
 * gives the same JSON. Use {@link #optional()}, {@link #hidden()} and {@link #type()} for the
 * values Dataflow assumes when a field is absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "label",
  "helpText",
  "isOptional",
  "regexes",
  "paramType",
  "customMetadata",
  "groupName",
  "parentName",
  "parentTriggerValues",
  "enumOptions",
  "defaultValue",
  "hiddenUi"
})
public record ParameterMetadata(
    String name,
    String label,
    String helpText,
    @JsonProperty("isOptional") Boolean isOptional,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> regexes,
    ParameterType paramType,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> customMetadata,
    String groupName,
    String parentName,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> parentTriggerValues,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EnumOption> enumOptions,
    String defaultValue,
    Boolean hiddenUi) {

  public ParameterMetadata {
    Objects.requireNonNull(name, "name");
    regexes = regexes == null ? List.of() : List.copyOf(regexes);
    // Keep the file's key order: it is the order the Console and the docs show.
    customMetadata =
        customMetadata == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(customMetadata));
    parentTriggerValues =
        parentTriggerValues == null ? List.of() : List.copyOf(parentTriggerValues);
    enumOptions = enumOptions == null ? List.of() : List.copyOf(enumOptions);
  }

  /** Whether a launch may leave the parameter out; Dataflow's default is false (required). */
  public boolean optional() {
    return Boolean.TRUE.equals(isOptional);
  }

  /** Whether the Console hides the parameter; false when {@code hiddenUi} is absent. */
  public boolean hidden() {
    return Boolean.TRUE.equals(hiddenUi);
  }

  /** The declared type, or {@link ParameterType#TEXT} when {@code paramType} is absent. */
  public ParameterType type() {
    return paramType == null || paramType == ParameterType.DEFAULT ? ParameterType.TEXT : paramType;
  }

  /** Whether the Console shows this parameter only for some values of another one. */
  public boolean conditional() {
    return parentName != null;
  }
}
