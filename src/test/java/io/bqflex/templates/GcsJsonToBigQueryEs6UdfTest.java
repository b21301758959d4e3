package io.bqflex.templates;

import static io.bqflex.templates.GcsCsvToBigQueryTest.byKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ES6 UDF, as Google's templates run them on Nashorn's {@code --language=es6}, end to end
 * through a template: every record ends as a row, a dead letter or a counted filter.
 */
class GcsJsonToBigQueryEs6UdfTest {
  private static final String FIXTURES = "src/test/resources/GcsJsonToBigQueryEs6UdfTest/";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void es6UdfRunsAndWhatItReturnsThatIsNotAJsonObjectIsAUdfDeadLetter() throws Exception {
    String table = "test-project:json.es6_udf";
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", FIXTURES + "events.json");
    p.put("JSONPath", FIXTURES + "schema.json");
    p.put("outputTable", table);
    p.put("javascriptTextTransformGcsPath", FIXTURES + "udf.js");
    p.put("javascriptTextTransformFunctionName", "process");

    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), p, dir);

    assertEquals(6, run.result.counts().read(), run.console);
    assertEquals(2, run.result.counts().written());
    assertEquals(1, run.result.counts().filtered());
    assertEquals(3, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());

    Map<String, JsonNode> rows = new HashMap<>();
    run.rows(table).forEach(r -> rows.put(r.get("event_id").asText(), r));
    assertEquals(JSON.readTree("[\"x\", \"y\"]"), rows.get("evt-a").get("tags"));
    assertTrue(rows.containsKey("evt-f"), rows.keySet().toString());

    List<String> lines =
        Files.readAllLines(Path.of(FIXTURES + "events.json"), StandardCharsets.UTF_8);
    Map<Long, JsonNode> dead = byKey(run.rows(table + "_error_records"), "recordNumber");
    // What the UDF returned is read by the conversion step, which knows the UDF only by its stage.
    String notAnObject = "the UDF returned text that is not one JSON object";
    assertUdfDeadLetter(dead.get(3L), lines.get(2), notAnObject, "plain");
    assertUdfDeadLetter(dead.get(4L), "array", notAnObject, "a JSON array");
    assertUdfDeadLetter(dead.get(5L), lines.get(4), "UDF 'process' ", "cannot process e");
  }

  private static void assertUdfDeadLetter(
      JsonNode row, String payloadPart, String messageStart, String mentioned) {
    assertEquals("UDF", row.get("stage").asText(), row.toString());
    String message = row.get("errorMessage").asText();
    assertTrue(message.startsWith(messageStart), message);
    assertTrue(message.contains(mentioned), message);
    assertTrue(row.get("payloadString").asText().contains(payloadPart), row.toString());
  }
}
