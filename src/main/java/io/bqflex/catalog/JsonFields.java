package io.bqflex.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed, strict reads of the fields of one JSON object: a field of the wrong type, an unknown field
 * or a missing required one becomes a problem at the object's path, and the read gives null.
 */
final class JsonFields {
  private final JsonNode object;
  private final String path;
  private final Problems problems;

  JsonFields(JsonNode object, String path, Problems problems) {
    this.object = object;
    this.path = path;
    this.problems = problems;
  }

  /** Reports every field not in {@code known}, with the likely intended one. */
  void refuseUnknown(List<String> known, String dataflowType) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        String hint = ClosestName.of(name, known).map(n -> "did you mean '" + n + "'? ").orElse("");
        problems.add(
            path,
            "unknown field '"
                + name
                + "'; "
                + hint
                + "Dataflow's "
                + dataflowType
                + " fields are: "
                + String.join(", ", known));
      }
    }
  }

  /** A string field that must be present and not blank. */
  String requiredText(String field) {
    JsonNode node = object.get(field);
    if (node == null) {
      problems.add(path, field + " is missing; Dataflow requires it");
      return null;
    }
    String text = text(field);
    if (text != null && text.isBlank()) {
      problems.add(path, field + " is empty; Dataflow requires it");
    }
    return text;
  }

  String text(String field) {
    JsonNode node = object.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      problems.add(path, field + " must be a string, not " + typeOf(node));
      return null;
    }
    return node.textValue();
  }

  Boolean bool(String field) {
    JsonNode node = object.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      problems.add(path, field + " must be true or false (a JSON boolean), not " + typeOf(node));
      return null;
    }
    return node.booleanValue();
  }

  List<String> textList(String field) {
    List<JsonNode> items = array(field);
    if (items == null) {
      return null;
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.isTextual()) {
        texts.add(item.textValue());
      } else {
        problems.add(path, field + "[" + i + "] must be a string, not " + typeOf(item));
      }
    }
    return texts;
  }

  Map<String, String> textMap(String field) {
    JsonNode node = object.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(path, field + " must be an object of string values, not " + typeOf(node));
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            entry -> {
              if (entry.getValue().isTextual()) {
                map.put(entry.getKey(), entry.getValue().textValue());
              } else {
                problems.add(
                    path,
                    field
                        + "."
                        + entry.getKey()
                        + " must be a string, not "
                        + typeOf(entry.getValue()));
              }
            });
    return map;
  }

  /** The elements of an array field; null when absent or not an array. */
  List<JsonNode> array(String field) {
    JsonNode node = object.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      problems.add(path, field + " must be an array, not " + typeOf(node));
      return null;
    }
    List<JsonNode> items = new ArrayList<>();
    node.forEach(items::add);
    return items;
  }

  static String typeOf(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
