package io.bqflex.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleMessagesTest {
  @TempDir Path dir;

  @Test
  void publishesObjectsAsCompactJsonAndStringsExactly() throws Exception {
    Path file =
        write(
            "{\"data\": {\"a\": 1, \"b\": [\"x\"]}, \"attributes\": {\"origin\": \"web\", \"n\": 3}}",
            "",
            "{\"data\": \"{not json\"}");

    List<OutgoingMessage> messages = SampleMessages.read(file);

    assertEquals(2, messages.size());
    assertEquals("{\"a\":1,\"b\":[\"x\"]}", text(messages.get(0)));
    assertEquals(Map.of("origin", "web", "n", "3"), messages.get(0).attributes());
    assertEquals("{not json", text(messages.get(1)));
    assertEquals(Map.of(), messages.get(1).attributes());
  }

  @Test
  void refusesLineWithoutDataNamingFileAndLine() throws Exception {
    Path file = write("{\"data\": {}}", "{\"payload\": {}}");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SampleMessages.read(file));
    assertTrue(e.getMessage().startsWith(file + ":2: expected {\"data\""), e.getMessage());
  }

  @Test
  void refusesLineThatIsNotJson() throws Exception {
    Path file = write("data=1");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SampleMessages.read(file));
    assertTrue(e.getMessage().startsWith(file + ":1: not JSON"), e.getMessage());
  }

  @Test
  void everyTemplateSampleMessageFileReads() throws Exception {
    List<OutgoingMessage> messages =
        SampleMessages.read(Path.of("templates/pubsub-to-bigquery/samples/messages.jsonl"));
    assertTrue(messages.size() >= 10, "sample has " + messages.size() + " messages");
  }

  private Path write(String... lines) throws Exception {
    Path file = dir.resolve("messages.jsonl");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private static String text(OutgoingMessage message) {
    return new String(message.data(), StandardCharsets.UTF_8);
  }
}
