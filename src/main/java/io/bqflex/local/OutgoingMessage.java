package io.bqflex.local;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A message to publish to the emulator: raw data bytes (any bytes, not only UTF-8 text, so tests
 * can send payloads a reader must refuse) and attributes.
 */
public record OutgoingMessage(byte[] data, Map<String, String> attributes) {
  public OutgoingMessage {
    Objects.requireNonNull(data, "data");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** A message whose data is {@code text} in UTF-8, without attributes. */
  public static OutgoingMessage utf8(String text) {
    return utf8(text, Map.of());
  }

  /** A message whose data is {@code text} in UTF-8. */
  public static OutgoingMessage utf8(String text, Map<String, String> attributes) {
    return new OutgoingMessage(text.getBytes(StandardCharsets.UTF_8), attributes);
  }
}
