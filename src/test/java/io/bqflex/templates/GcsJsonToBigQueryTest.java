package io.bqflex.templates;

import static io.bqflex.templates.GcsCsvToBigQueryTest.byKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GcsJsonToBigQueryTest {
  private static final String FIXTURES = "src/test/resources/GcsJsonToBigQueryTest/";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Map<String, String> parameters(String table) {
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", FIXTURES + "mixed.json");
    p.put("JSONPath", FIXTURES + "schema.json");
    p.put("outputTable", table);
    return p;
  }

  @Test
  void writesGoodObjectsAndDeadLettersEveryBadLine() throws Exception {
    String table = "test-project:json.mixed";
    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), parameters(table), dir);

    // 13 non-blank lines: a blank line is not a record.
    assertEquals(12, run.result.counts().read());
    assertEquals(2, run.result.counts().written());
    assertEquals(10, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());

    Map<String, JsonNode> rows = new HashMap<>();
    run.rows(table).forEach(r -> rows.put(r.get("event_id").asText(), r));
    assertEquals(2, rows.size());
    assertEquals("android", rows.get("a").get("device").get("os").asText());
    assertEquals("A-1", rows.get("a").get("items").get(0).get("sku").asText());
    assertEquals("東京", rows.get("b").get("tags").get(1).asText());
    assertEquals(18, rows.get("b").get("user_id").asLong());

    Map<Long, JsonNode> dead = byKey(run.rows(table + "_error_records"), "recordNumber");
    assertEquals(10, dead.size());
    assertDeadLetter(dead.get(4L), "CONVERT", "user_id");
    assertDeadLetter(dead.get(5L), "CONVERT", "device");
    assertDeadLetter(dead.get(6L), "CONVERT", "event_time");
    assertDeadLetter(dead.get(7L), "CONVERT", "event_id");
    assertDeadLetter(dead.get(8L), "CONVERT", "colour");
    assertDeadLetter(dead.get(9L), "CONVERT", "items");
    assertDeadLetter(dead.get(10L), "PARSE", "");
    assertDeadLetter(dead.get(11L), "PARSE", "");
    assertDeadLetter(dead.get(12L), "PARSE", "");
    assertDeadLetter(dead.get(13L), "CONVERT", "tags");
    assertEquals("[\"an\", \"array\"]", dead.get(10L).get("payloadString").asText());
    assertEquals("42", dead.get(11L).get("payloadString").asText());
  }

  /**
   * Three ways to BigQuery: the Storage Write API, load jobs from Avro files, and load jobs from
   * JSON files (a table with a BIGNUMERIC column keeps them).
   */
  @ParameterizedTest
  @CsvSource({
    "true, json-column-schema.json",
    "false, json-column-schema.json",
    "false, json-column-bignumeric-schema.json"
  })
  void jsonColumnsKeepTheirValueOnEveryWritePath(String storageWriteApi, String schema)
      throws Exception {
    boolean storage = Boolean.parseBoolean(storageWriteApi);
    boolean jsonFiles = !storage && schema.contains("bignumeric");
    String table =
        "test-project:json.json_column_" + (storage ? "storage" : jsonFiles ? "json" : "avro");
    Map<String, String> p = parameters(table);
    p.put("inputFilePattern", FIXTURES + "json-column.json");
    p.put("JSONPath", FIXTURES + schema);
    p.put("useStorageWriteApi", storageWriteApi);
    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), p, dir);

    assertEquals(3, run.result.counts().written(), run.console);
    Map<String, JsonNode> rows = new HashMap<>();
    run.rows(table).forEach(r -> rows.put(r.get("id").asText(), r));
    assertEquals(
        JSON.readTree("{\"a\": 1, \"b\": [true, null], \"c\": \"x\"}"),
        json(rows.get("object").get("payload"), jsonFiles));
    assertEquals(
        JSON.readTree("\"just text\""), json(rows.get("string").get("payload"), jsonFiles));
    assertEquals(JSON.readTree("42.5"), json(rows.get("number").get("payload"), jsonFiles));
    JsonNode docs = rows.get("string").get("nested").get("doc");
    assertEquals(JSON.readTree("{\"k\": \"v\"}"), json(docs.get(0), jsonFiles));
    assertEquals(JSON.readTree("\"s\""), json(docs.get(1), jsonFiles));
    assertEquals(JSON.readTree("7"), json(docs.get(2), jsonFiles));
  }

  /**
   * A JSON column's value as BigQuery holds it. The Storage Write API fake hands back the JSON text
   * it received, and the load-job fake the string of an Avro file; from a JSON file the load-job
   * fake hands back the JSON value itself.
   */
  private static JsonNode json(JsonNode stored, boolean fromJsonFile) throws Exception {
    return fromJsonFile ? stored : JSON.readTree(stored.asText());
  }

  @Test
  void dropsUnknownFieldsWhenAskedTo() throws Exception {
    String table = "test-project:json.ignore_unknown";
    Map<String, String> p = parameters(table);
    p.put("ignoreUnknownValues", "true");
    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), p, dir);

    assertTrue(run.result.counts().balanced());
    assertEquals(3, run.result.counts().written());
    assertTrue(run.rows(table).stream().noneMatch(r -> r.has("colour")));
  }

  /** More records than the UDF gets at once, so batches run within the bundle and at its end. */
  @Test
  void udfTransformsFiltersAndDeadLettersEachRecordOnItsOwn() throws Exception {
    Path input = dir.resolve("udf-input.json");
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 600; i++) {
      String mark = i % 50 == 0 ? ",\"drop\":true" : i % 70 == 0 ? ",\"explode\":true" : "";
      String time = i % 90 == 0 ? "yesterday" : "2026-11-30T10:00:00Z";
      lines.add("{\"event_id\":\"e" + i + "\",\"event_time\":\"" + time + "\"" + mark + "}");
    }
    Files.write(input, lines, StandardCharsets.UTF_8);
    String table = "test-project:json.udf";
    Map<String, String> p = parameters(table);
    p.put("inputFilePattern", input.toString());
    p.put("javascriptTextTransformGcsPath", FIXTURES + "udf.js");
    p.put("javascriptTextTransformFunctionName", "process");

    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), p, dir);

    // 12 dropped (every 50th), 7 thrown (every 70th but 350), 5 bad times (every 90th but 450).
    assertEquals(600, run.result.counts().read());
    assertEquals(12, run.result.counts().filtered());
    assertEquals(12, run.result.counts().deadLettered());
    assertEquals(576, run.result.counts().written());
    assertTrue(run.result.counts().balanced());
    Set<String> ids = new HashSet<>();
    run.rows(table).forEach(r -> ids.add(r.get("event_id").asText()));
    assertTrue(ids.contains("E1") && ids.contains("E599") && !ids.contains("E50"), "" + ids.size());
    Map<Long, JsonNode> dead = byKey(run.rows(table + "_error_records"), "recordNumber");
    assertEquals(12, dead.size());
    assertEquals("UDF", dead.get(70L).get("stage").asText());
    assertTrue(dead.get(70L).get("errorMessage").asText().contains("cannot process e70"));
    assertEquals("CONVERT", dead.get(90L).get("stage").asText());
    assertTrue(dead.get(90L).get("errorMessage").asText().contains("event_time"));
    assertEquals(lines.get(89), dead.get(90L).get("payloadString").asText());
  }

  @Test
  void sampleFromTheReadmeRunsWithItsBadRecordsDeadLettered() throws Exception {
    TemplateRun run =
        TemplateRun.of(new GcsJsonToBigQuery(), Samples.parameters("gcs-json-to-bigquery"), dir);

    assertTrue(run.result.counts().balanced());
    assertTrue(run.result.counts().written() > 0);
    assertTrue(run.result.counts().deadLettered() > 0);
  }

  private static void assertDeadLetter(JsonNode row, String stage, String mentioned) {
    assertEquals(stage, row.get("stage").asText(), row.toString());
    assertTrue(row.get("errorMessage").asText().contains(mentioned), row.toString());
    assertTrue(row.get("source").asText().endsWith("mixed.json"), row.toString());
  }
}
