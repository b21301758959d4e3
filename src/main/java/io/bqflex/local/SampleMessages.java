package io.bqflex.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages to publish in a local run, one JSON object a line: {@code {"data": ..., "attributes":
 * {"k": "v"}}}. An object or array {@code data} is published as its compact JSON text; a string
 * {@code data} is published as that text exactly, so a sample can hold a payload that is not JSON.
 * Blank lines are skipped.
 */
public final class SampleMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleMessages() {}

  /**
   * @throws IllegalArgumentException naming the file and line of a line that is not of that form
   */
  public static List<OutgoingMessage> read(Path file) throws IOException {
    List<OutgoingMessage> messages = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        messages.add(parse(lines.get(i), file + ":" + (i + 1)));
      }
    }
    return messages;
  }

  private static OutgoingMessage parse(String line, String where) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
    }
    JsonNode data = message == null ? null : message.get("data");
    if (data == null || !(data.isTextual() || data.isContainerNode())) {
      throw new IllegalArgumentException(
          where + ": expected {\"data\": <object or string>, \"attributes\": {...}}");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    JsonNode given = message.get("attributes");
    if (given != null) {
      if (!given.isObject()) {
        throw new IllegalArgumentException(where + ": \"attributes\" must be an object");
      }
      given.fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
    }
    return OutgoingMessage.utf8(data.isTextual() ? data.textValue() : data.toString(), attributes);
  }
}
