package io.bqflex.catalog;

import java.util.List;
import java.util.Map;

/** The text {@code bqflex describe} prints: a template's parameters as a user reads them. */
public final class TemplateDescription {
  private TemplateDescription() {}

  public static String render(CatalogEntry entry) {
    TemplateMetadata metadata = entry.metadata();
    StringBuilder out = new StringBuilder();
    out.append(entry.id())
        .append(": ")
        .append(metadata.name())
        .append(" (")
        .append(entry.mode())
        .append(")\n");
    if (metadata.description() != null) {
      out.append(metadata.description()).append('\n');
    }
    out.append("Reads ")
        .append(entry.source())
        .append("; writes ")
        .append(entry.destination())
        .append(". Flex main class: ")
        .append(entry.mainClass())
        .append('\n');
    ParameterGroups groups = ParameterGroups.of(metadata);
    out.append("\nRequired parameters:\n");
    if (groups.required().isEmpty()) {
      out.append("  (none)\n");
    }
    groups.required().forEach(p -> parameter(out, p));
    entry.rules().forEach(rule -> out.append("  ").append(rule.description()).append('\n'));
    for (Map.Entry<String, List<ParameterMetadata>> group : groups.optionalByGroup().entrySet()) {
      out.append("\nOptional parameters: ").append(group.getKey()).append('\n');
      group.getValue().forEach(p -> parameter(out, p));
    }
    return out.toString();
  }

  private static void parameter(StringBuilder out, ParameterMetadata parameter) {
    out.append("  ").append(parameter.name()).append("  (").append(parameter.type());
    if (parameter.defaultValue() != null) {
      out.append(", default: ").append(parameter.defaultValue());
    }
    out.append(")\n      ").append(parameter.helpText());
    String conditions = ParameterGroups.conditions(parameter);
    if (!conditions.isEmpty()) {
      out.append(' ').append(conditions);
    }
    out.append('\n');
  }
}
