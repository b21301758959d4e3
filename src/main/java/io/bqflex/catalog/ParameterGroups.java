package io.bqflex.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which people read a template's parameters: the required ones first, then the
 * optional ones by {@code groupName}, groups and parameters in the metadata's order.
 */
public record ParameterGroups(
    List<ParameterMetadata> required, Map<String, List<ParameterMetadata>> optionalByGroup) {

  /** The group of optional parameters that have no {@code groupName}. */
  static final String UNGROUPED = "Other";

  public static ParameterGroups of(TemplateMetadata metadata) {
    List<ParameterMetadata> required = new ArrayList<>();
    Map<String, List<ParameterMetadata>> optional = new LinkedHashMap<>();
    for (ParameterMetadata parameter : metadata.parameters()) {
      if (parameter.optional()) {
        String group = parameter.groupName() == null ? UNGROUPED : parameter.groupName();
        optional.computeIfAbsent(group, g -> new ArrayList<>()).add(parameter);
      } else {
        required.add(parameter);
      }
    }
    return new ParameterGroups(List.copyOf(required), optional);
  }

  /**
   * What to add to a parameter's help: when it is required only under another parameter's value,
   * and the choices of an ENUM. Empty when there is nothing to add.
   */
  static String conditions(ParameterMetadata parameter) {
    List<String> notes = new ArrayList<>();
    if (parameter.conditional()) {
      notes.add(
          parameter.parentTriggerValues().isEmpty()
              ? "Applies when " + parameter.parentName() + " is set."
              : "Applies when "
                  + parameter.parentName()
                  + " is "
                  + String.join(" or ", parameter.parentTriggerValues())
                  + ".");
    }
    if (!parameter.enumOptions().isEmpty()) {
      List<String> values = new ArrayList<>();
      for (EnumOption option : parameter.enumOptions()) {
        values.add(
            option.description() == null
                ? option.value()
                : option.value() + " (" + option.description().replaceAll("\\.$", "") + ")");
      }
      notes.add("One of: " + String.join(", ", values) + ".");
    }
    return String.join(" ", notes);
  }
}
