package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bqflex.catalog.ParameterValidationException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcsCsvToBigQueryTest {
  private static final String FIXTURES = "src/test/resources/GcsCsvToBigQueryTest/";

  @TempDir Path dir;

  private Map<String, String> parameters(String table) {
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", FIXTURES + "mixed.csv");
    p.put("JSONPath", FIXTURES + "schema.json");
    p.put("outputTable", table);
    p.put("containsHeaders", "true");
    return p;
  }

  @Test
  void writesGoodRowsAndDeadLettersEveryBadOneWithLoadJobs() throws Exception {
    assertMixedFileOutcome("test-project:csv.mixed_file_loads", Map.of());
  }

  @Test
  void writesGoodRowsAndDeadLettersEveryBadOneWithStorageWriteApi() throws Exception {
    assertMixedFileOutcome(
        "test-project:csv.mixed_storage_api", Map.of("useStorageWriteApi", "true"));
  }

  private void assertMixedFileOutcome(String table, Map<String, String> extra) throws Exception {
    Map<String, String> p = parameters(table);
    p.putAll(extra);
    TemplateRun run = TemplateRun.of(new GcsCsvToBigQuery(), p, dir);

    assertEquals(12, run.result.counts().read());
    assertEquals(5, run.result.counts().written());
    assertEquals(7, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());

    Map<Long, JsonNode> rows = byKey(run.rows(table), "id");
    assertEquals(5, rows.size());
    assertEquals("with, comma", rows.get(2L).get("name").asText());
    assertEquals("quoted \"word\"", rows.get(3L).get("name").asText());
    assertEquals("two\r\nlines", rows.get(4L).get("name").asText());
    assertTrue(
        rows.get(4L).path("seen_at").isMissingNode() || rows.get(4L).get("seen_at").isNull());
    assertEquals("Zoë 東京", rows.get(5L).get("name").asText());

    Map<Long, JsonNode> dead = byKey(run.rows(table + "_error_records"), "recordNumber");
    assertEquals(7, dead.size());
    assertDeadLetter(dead.get(7L), "CONVERT", "id", "x6,bad id,6.00,2026-01-06 00:00:00,true");
    assertDeadLetter(
        dead.get(8L), "CONVERT", "price", "7,bad price,seven,2026-01-07 00:00:00,true");
    assertDeadLetter(
        dead.get(9L), "CONVERT", "seen_at", "8,bad time,8.00,2026-13-45 00:00:00,true");
    assertDeadLetter(
        dead.get(10L), "CONVERT", "active", "9,bad bool,9.00,2026-01-09 00:00:00,banana");
    assertDeadLetter(dead.get(11L), "PARSE", "2", "10,too few");
    assertDeadLetter(
        dead.get(12L), "PARSE", "6", "11,too many,11.00,2026-01-11 00:00:00,true,extra");
    assertDeadLetter(
        dead.get(13L), "CONVERT", "id", ",missing required id,12.00,2026-01-12 00:00:00,true");
    for (JsonNode row : dead.values()) {
      assertTrue(row.get("source").asText().endsWith("mixed.csv"), row.toString());
      assertFalse(row.get("timestamp").asText().isEmpty());
    }
  }

  // BigQuery's CSV load options under their own names
  // (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-csv#csv-options):
  // nullMarker,
  // allowJaggedRows, ignoreUnknownValues (extra trailing columns are dropped).
  @Test
  void appliesBigQuerysCsvLoadOptionsUnderTheirNames() throws Exception {
    String table = "test-project:csv.load_options";
    Map<String, String> p = parameters(table);
    p.put("inputFilePattern", FIXTURES + "load-options.csv");
    p.put("nullMarker", "NA");
    p.put("allowJaggedRows", "true");
    p.put("ignoreUnknownValues", "true");
    TemplateRun run = TemplateRun.of(new GcsCsvToBigQuery(), p, dir);

    assertEquals(4, run.result.counts().written());
    assertEquals(1, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());
    Map<Long, JsonNode> rows = byKey(run.rows(table), "id");
    assertEquals("", rows.get(1L).get("name").asText());
    assertTrue(rows.get(1L).get("seen_at").asText().startsWith("2018-08-19"), rows.toString());
    assertTrue(isNull(rows.get(2L), "name") && isNull(rows.get(2L), "active"), rows.toString());
    assertEquals("jagged", rows.get(3L).get("name").asText());
    assertTrue(isNull(rows.get(3L), "seen_at") && isNull(rows.get(3L), "active"));
    assertEquals("extra", rows.get(4L).get("name").asText());
    JsonNode dead = run.rows(table + "_error_records").get(0);
    assertDeadLetter(dead, "CONVERT", "price", "5,empty price,,NA,t");
  }

  @Test
  void readsAQuotedEmptyColumnAsAnEmptyStringUnderTheDefaultNullMarker() throws Exception {
    String table = "test-project:csv.empty_columns";
    Map<String, String> p = parameters(table);
    p.put("inputFilePattern", FIXTURES + "empty-columns.csv");
    TemplateRun run = TemplateRun.of(new GcsCsvToBigQuery(), p, dir);

    assertEquals(2, run.result.counts().written(), run.console);
    Map<Long, JsonNode> rows = byKey(run.rows(table), "id");
    assertEquals("", rows.get(1L).get("name").asText());
    assertTrue(isNull(rows.get(1L), "price") && isNull(rows.get(1L), "active"), rows.toString());
    assertTrue(isNull(rows.get(2L), "name") && isNull(rows.get(2L), "active"), rows.toString());
  }

  @Test
  void refusesNullMarkerTogetherWithNullMarkersBeforeRunning() {
    Map<String, String> p = parameters("test-project:csv.two_markers");
    p.put("nullMarker", "NA");
    p.put("nullMarkers", "NA,-");
    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateRun.of(new GcsCsvToBigQuery(), p, dir));
    assertTrue(e.getMessage().contains("'nullMarker' or 'nullMarkers'"), e.getMessage());
  }

  private static boolean isNull(JsonNode row, String field) {
    return row.path(field).isMissingNode() || row.get(field).isNull();
  }

  @Test
  void sampleFromTheReadmeRunsWithItsBadRecordsDeadLettered() throws Exception {
    Map<String, String> p = Samples.parameters("gcs-csv-to-bigquery");
    TemplateRun run = TemplateRun.of(new GcsCsvToBigQuery(), p, dir);

    assertTrue(run.result.counts().balanced());
    assertTrue(run.result.counts().written() > 0);
    assertTrue(run.result.counts().deadLettered() > 0);
    assertEquals(run.result.counts().read(), run.summary().get("counters").get("read").asLong());
    assertTrue(run.console.contains("dead-lettered"), run.console);
  }

  @Test
  void refusesSchemaWithNestedFieldsBecauseCsvCannotFillThem() {
    Map<String, String> p = parameters("test-project:csv.nested");
    p.put("JSONPath", FIXTURES + "nested-schema.json");
    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateRun.of(new GcsCsvToBigQuery(), p, dir));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("parameter 'JSONPath': "), e.getMessage());
    assertTrue(e.getMessage().contains("address"), e.getMessage());
  }

  @Test
  void refusesMissingSchemaFileNamingTheParameter() {
    Map<String, String> p = parameters("test-project:csv.no_schema");
    p.put("JSONPath", FIXTURES + "does-not-exist.json");
    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateRun.of(new GcsCsvToBigQuery(), p, dir));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("parameter 'JSONPath': "), e.getMessage());
  }

  private static void assertDeadLetter(
      JsonNode row, String stage, String mentioned, String payload) {
    assertEquals(stage, row.get("stage").asText(), row.toString());
    assertTrue(row.get("errorMessage").asText().contains(mentioned), row.toString());
    assertEquals(payload, row.get("payloadString").asText());
  }

  static Map<Long, JsonNode> byKey(List<JsonNode> rows, String key) {
    return rows.stream().collect(Collectors.toMap(r -> r.get(key).asLong(), Function.identity()));
  }
}
