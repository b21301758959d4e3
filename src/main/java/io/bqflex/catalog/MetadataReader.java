package io.bqflex.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a parsed metadata file into the model, checking everything Dataflow, the Console and our
 * launch validation rely on. Every problem goes to {@link Problems}; reading goes on after one so
 * that a file's problems are reported together.
 */
final class MetadataReader {
  static final List<String> TEMPLATE_FIELDS =
      List.of(
          "name",
          "description",
          "parameters",
          "streaming",
          "supportsAtLeastOnce",
          "supportsExactlyOnce",
          "defaultStreamingMode",
          "yamlDefinition");
  static final List<String> PARAMETER_FIELDS =
      List.of(
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
          "hiddenUi");
  static final List<String> ENUM_OPTION_FIELDS = List.of("value", "label", "description");
  static final List<String> STREAMING_MODES =
      List.of("UNSPECIFIED", "EXACTLY_ONCE", "AT_LEAST_ONCE");

  /** The launcher passes each parameter as {@code --name=value} to a PipelineOptions property. */
  private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Problems problems;

  MetadataReader(Problems problems) {
    this.problems = problems;
  }

  /** The model of {@code root}; only meaningful when no problem was recorded. */
  TemplateMetadata read(JsonNode root) {
    if (!root.isObject()) {
      problems.add(
          "",
          "must hold one JSON object (Dataflow's TemplateMetadata), not "
              + JsonFields.typeOf(root));
      return null;
    }
    JsonFields fields = new JsonFields(root, "", problems);
    fields.refuseUnknown(TEMPLATE_FIELDS, "TemplateMetadata");
    String name = fields.requiredText("name");
    String description = fields.text("description");
    Boolean streaming = fields.bool("streaming");
    Boolean atLeastOnce = fields.bool("supportsAtLeastOnce");
    Boolean exactlyOnce = fields.bool("supportsExactlyOnce");
    String streamingMode = fields.text("defaultStreamingMode");
    String yamlDefinition = fields.text("yamlDefinition");
    checkStreaming(streaming, atLeastOnce, exactlyOnce, streamingMode);

    List<String> paths = new ArrayList<>();
    List<ParameterMetadata> parameters = new ArrayList<>();
    List<JsonNode> nodes = fields.array("parameters");
    for (int i = 0; nodes != null && i < nodes.size(); i++) {
      String path = parameterPath(nodes.get(i), i);
      ParameterMetadata parameter = readParameter(nodes.get(i), path);
      if (parameter != null) {
        paths.add(path);
        parameters.add(parameter);
      }
    }
    checkAcrossParameters(parameters, paths);
    return new TemplateMetadata(
        name == null ? "" : name,
        description,
        parameters,
        streaming,
        atLeastOnce,
        exactlyOnce,
        streamingMode,
        yamlDefinition);
  }

  private void checkStreaming(
      Boolean streaming, Boolean atLeastOnce, Boolean exactlyOnce, String streamingMode) {
    boolean isStreaming = Boolean.TRUE.equals(streaming);
    if (!isStreaming && (atLeastOnce != null || exactlyOnce != null || streamingMode != null)) {
      problems.add(
          "",
          "supportsAtLeastOnce, supportsExactlyOnce and defaultStreamingMode describe streaming"
              + " templates: set \"streaming\": true or remove them");
    }
    if (streamingMode == null) {
      return;
    }
    if (!STREAMING_MODES.contains(streamingMode)) {
      problems.add(
          "",
          "defaultStreamingMode '"
              + streamingMode
              + "' is not one of Dataflow's modes: "
              + String.join(", ", STREAMING_MODES));
    } else if (!streamingMode.equals("UNSPECIFIED")
        && !(Boolean.TRUE.equals(atLeastOnce) && Boolean.TRUE.equals(exactlyOnce))) {
      problems.add(
          "",
          "defaultStreamingMode is only valid when supportsAtLeastOnce and supportsExactlyOnce"
              + " are both true (Dataflow's rule): set both or remove defaultStreamingMode");
    }
  }

  private static String parameterPath(JsonNode node, int index) {
    JsonNode name = node.get("name");
    String path = "parameters[" + index + "]";
    return name != null && name.isTextual() ? path + " (" + name.textValue() + ")" : path;
  }

  private ParameterMetadata readParameter(JsonNode node, String path) {
    if (!node.isObject()) {
      problems.add(
          path, "must be a JSON object (a ParameterMetadata), not " + JsonFields.typeOf(node));
      return null;
    }
    JsonFields fields = new JsonFields(node, path, problems);
    fields.refuseUnknown(PARAMETER_FIELDS, "ParameterMetadata");
    String name = fields.requiredText("name");
    if (name != null && !name.isBlank() && !PROPERTY_NAME.matcher(name).matches()) {
      problems.add(
          path,
          "name '"
              + name
              + "' is not a Java identifier; the launcher passes it as --"
              + name
              + "=... to a PipelineOptions property of that name");
    }
    String label = fields.requiredText("label");
    String helpText = fields.requiredText("helpText");
    List<String> regexes = fields.textList("regexes");
    checkRegexes(regexes, path);
    ParameterType type = paramType(fields.text("paramType"), path);
    List<EnumOption> options = enumOptions(fields.array("enumOptions"), path);
    ParameterMetadata parameter =
        new ParameterMetadata(
            name == null ? "" : name,
            label,
            helpText,
            fields.bool("isOptional"),
            regexes,
            type,
            fields.textMap("customMetadata"),
            fields.text("groupName"),
            fields.text("parentName"),
            fields.textList("parentTriggerValues"),
            options,
            fields.text("defaultValue"),
            fields.bool("hiddenUi"));
    checkParameter(parameter, path);
    return name == null ? null : parameter;
  }

  private void checkRegexes(List<String> regexes, String path) {
    for (int i = 0; regexes != null && i < regexes.size(); i++) {
      for (String problem : PortableRegex.problems(regexes.get(i))) {
        problems.add(path, "regexes[" + i + "] '" + regexes.get(i) + "' " + problem);
      }
    }
  }

  private ParameterType paramType(String text, String path) {
    if (text == null) {
      return null;
    }
    try {
      return ParameterType.valueOf(text);
    } catch (IllegalArgumentException e) {
      problems.add(
          path,
          "paramType '"
              + text
              + "' is not one of Dataflow's parameter types: "
              + ParameterType.allNames());
      return null;
    }
  }

  private List<EnumOption> enumOptions(List<JsonNode> nodes, String path) {
    if (nodes == null) {
      return null;
    }
    List<EnumOption> options = new ArrayList<>();
    Set<String> values = new HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      String optionPath = path + ": enumOptions[" + i + "]";
      JsonNode node = nodes.get(i);
      if (!node.isObject()) {
        problems.add(
            optionPath,
            "must be an object {value, label, description}, not " + JsonFields.typeOf(node));
        continue;
      }
      JsonFields fields = new JsonFields(node, optionPath, problems);
      fields.refuseUnknown(ENUM_OPTION_FIELDS, "ParameterMetadataEnumOption");
      String value = fields.requiredText("value");
      String label = fields.text("label");
      String description = fields.text("description");
      if (value == null) {
        continue;
      }
      if (!values.add(value)) {
        problems.add(optionPath, "value '" + value + "' is listed twice");
      }
      options.add(new EnumOption(value, label, description));
    }
    return options;
  }

  private void checkParameter(ParameterMetadata parameter, String path) {
    boolean isEnum = parameter.paramType() == ParameterType.ENUM;
    if (isEnum && parameter.enumOptions().isEmpty()) {
      problems.add(
          path, "paramType ENUM needs enumOptions: the Console offers them as the choices");
    }
    if (!isEnum && !parameter.enumOptions().isEmpty()) {
      problems.add(
          path, "enumOptions are only used with paramType ENUM: set paramType ENUM or remove them");
    }
    if (!parameter.conditional() && !parameter.parentTriggerValues().isEmpty()) {
      problems.add(
          path,
          "parentTriggerValues has no effect without parentName: add parentName or remove it");
    }
    if (parameter.defaultValue() != null) {
      for (String problem :
          ValueCheck.problems(parameter, parameter.defaultValue(), ValueCheck.Regexes.QUOTED)) {
        problems.add(path, "defaultValue '" + parameter.defaultValue() + "' " + problem);
      }
    }
    if (parameter.hidden() && !parameter.optional() && parameter.defaultValue() == null) {
      problems.add(
          path,
          "hiddenUi is true but the parameter is required and has no defaultValue:"
              + " a Console user could not give it; make it optional or give a defaultValue");
    }
  }

  private void checkAcrossParameters(List<ParameterMetadata> parameters, List<String> paths) {
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      String name = parameters.get(i).name();
      Integer first = firstIndex.putIfAbsent(name, i);
      if (first != null) {
        problems.add(
            paths.get(i), "duplicate parameter name '" + name + "', first at " + paths.get(first));
      }
    }
    for (int i = 0; i < parameters.size(); i++) {
      ParameterMetadata parameter = parameters.get(i);
      if (parameter.conditional()) {
        checkParent(parameter, paths.get(i), parameters, firstIndex);
      }
    }
  }

  private void checkParent(
      ParameterMetadata parameter,
      String path,
      List<ParameterMetadata> parameters,
      Map<String, Integer> indexByName) {
    String parentName = parameter.parentName();
    if (parentName.equals(parameter.name())) {
      problems.add(path, "parentName names the parameter itself");
      return;
    }
    Integer parentIndex = indexByName.get(parentName);
    if (parentIndex == null) {
      String hint =
          ClosestName.of(parentName, indexByName.keySet())
              .map(n -> "; did you mean '" + n + "'?")
              .orElse("");
      problems.add(
          path, "parentName '" + parentName + "' names no parameter of this template" + hint);
      return;
    }
    ParameterMetadata parent = parameters.get(parentIndex);
    List<String> triggers = parameter.parentTriggerValues();
    for (int i = 0; i < triggers.size(); i++) {
      for (String problem :
          ValueCheck.problems(parent, triggers.get(i), ValueCheck.Regexes.QUOTED)) {
        problems.add(
            path,
            "parentTriggerValues["
                + i
                + "] '"
                + triggers.get(i)
                + "' can never be a value of '"
                + parentName
                + "': it "
                + problem);
      }
    }
  }
}
