package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.rows.BigQuerySchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A schema file as {@code bq show --schema} prints it, with every key of BigQuery's
 * TableFieldSchema
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/tables#TableFieldSchema), loads through
 * a whole local run; the parameterized types are enforced per record
 * (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#parameterized_data_types).
 */
class BqShowSchemaFilesTest {
  private static final String FIXTURES = "src/test/resources/BqShowSchemaFilesTest/";

  @TempDir Path dir;

  private static Map<String, String> parameters(String table, String schema, String csv) {
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", FIXTURES + csv);
    p.put("JSONPath", FIXTURES + schema);
    p.put("outputTable", table);
    p.put("containsHeaders", "true");
    return p;
  }

  @Test
  void loadsEveryFieldKeyWithLoadJobsAndDeadLettersValuesOverTheLimits() throws Exception {
    String table = "test-project:shop.every_key_file_loads";
    TemplateRun run =
        TemplateRun.of(
            new GcsCsvToBigQuery(), parameters(table, "every-key-schema.json", "orders.csv"), dir);

    assertEquals(6, run.result.counts().read());
    assertEquals(2, run.result.counts().written());
    assertEquals(4, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());
    Map<String, JsonNode> rows =
        run.rows(table).stream()
            .collect(Collectors.toMap(r -> r.get("code").asText(), Function.identity()));
    assertEquals(Set.of("ABC", "MNO"), rows.keySet());
    // ROUND_HALF_EVEN on amount; BigQuery's default, half away from zero, on big.
    assertEquals("2.34", rows.get("ABC").get("amount").asText());
    assertEquals("-2.36", rows.get("MNO").get("amount").asText());
    assertEquals("1.01", rows.get("ABC").get("big").asText());
    assertEquals("[2024-01-01, UNBOUNDED)", rows.get("ABC").get("valid").asText());
    assertEquals("[UNBOUNDED, 2024-03-01)", rows.get("MNO").get("valid").asText());

    Map<Long, JsonNode> dead =
        GcsCsvToBigQueryTest.byKey(run.rows(table + "_error_records"), "recordNumber");
    assertReason(
        dead.get(3L),
        "field 'code': 'TOOLONGCODE' is longer than the column's maximum of 8 characters");
    assertReason(
        dead.get(4L), "field 'blob': 'AAAAAAA=' is longer than the column's maximum of 4 bytes");
    assertReason(
        dead.get(5L), "field 'amount': '1000' is out of NUMERIC(5, 2) range (-999.99 to 999.99)");
    assertReason(dead.get(6L), "field 'valid': '[2024-02-01, 2024-01-01)' is not a RANGE");
  }

  /** The created table keeps every key of the file: BigQueryIO creates it with that schema. */
  @Test
  void createsTheTableWithEveryKeyOfTheSchemaFile() throws Exception {
    String table = "test-project:shop.every_key_created";
    TemplateRun.of(
        new GcsCsvToBigQuery(), parameters(table, "every-key-schema.json", "orders.csv"), dir);

    String created =
        Files.readString(dir.resolve("test-project.shop.every_key_created.schema.json"));
    assertEquals(
        BigQuerySchemas.parse(Files.readString(Path.of(FIXTURES, "every-key-schema.json")), "file"),
        BigQuerySchemas.parse(created, "created table"));
  }

  @Test
  void loadsParameterizedTypesWithTheStorageWriteApi() throws Exception {
    String table = "test-project:shop.every_key_storage_api";
    Map<String, String> p = parameters(table, "no-range-schema.json", "orders-no-range.csv");
    p.put("useStorageWriteApi", "true");

    TemplateRun run = TemplateRun.of(new GcsCsvToBigQuery(), p, dir);

    assertEquals(4, run.result.counts().read());
    assertEquals(1, run.result.counts().written());
    assertEquals(3, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());
    assertEquals("2.34", run.rows(table).get(0).get("amount").asText());
  }

  /**
   * INTERVAL columns load in BigQuery's canonical text form
   * (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type).
   */
  @Test
  void loadsIntervalsWithLoadJobsInCanonicalFormAndDeadLettersTheRest() throws Exception {
    String table = "my-project:shop.job_durations";
    TemplateRun run =
        TemplateRun.of(
            new GcsCsvToBigQuery(), parameters(table, "interval-schema.json", "jobs.csv"), dir);

    assertEquals(7, run.result.counts().read());
    assertEquals(5, run.result.counts().written());
    assertEquals(2, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());
    Map<String, JsonNode> rows =
        run.rows(table).stream()
            .collect(Collectors.toMap(r -> r.get("job").asText(), Function.identity()));
    assertEquals("1-2 3 4:5:6.789", rows.get("canonical").get("took").asText());
    assertEquals("0-0 0 10:20:30", rows.get("partial").get("took").asText());
    assertEquals("0-0 0 10:20:30.5", rows.get("iso").get("took").asText());
    assertEquals("-0-1 -2 -3:0:0", rows.get("negative").get("took").asText());
    assertTrue(rows.get("empty").path("took").isMissingNode(), rows.get("empty").toString());

    Map<Long, JsonNode> dead =
        GcsCsvToBigQueryTest.byKey(run.rows(table + "_error_records"), "recordNumber");
    assertReason(
        dead.get(7L),
        "field 'took': 'ten minutes' is not an INTERVAL (expected [sign]Y-M [sign]D"
            + " [sign]H:M:S[.F] or an ISO 8601 duration such as P1Y2M3DT4H5M6S)");
    assertReason(dead.get(8L), "field 'took': '10001-0 0 0:0:0' is out of INTERVAL range");
  }

  /** Beam 2.73's Storage Write API conversion has neither RANGE nor INTERVAL. */
  @ParameterizedTest(name = "{2}")
  @CsvSource({
    "every-key-schema.json, orders.csv, column 'valid' is a RANGE",
    "interval-schema.json, jobs.csv, column 'took' is an INTERVAL"
  })
  void refusesColumnsBeamCannotConvertOnTheStorageWriteApiAtLaunch(
      String schema, String csv, String column) {
    Map<String, String> p =
        parameters("my-project:shop.storage_api_" + csv.replace(".csv", ""), schema, csv);
    p.put("useStorageWriteApi", "true");

    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateRun.of(new GcsCsvToBigQuery(), p, dir));

    assertEquals(
        List.of(
            "parameter 'useStorageWriteApi': "
                + column
                + ", which Beam's Storage Write API writer cannot convert; set"
                + " useStorageWriteApi=false to write with load jobs (FILE_LOADS)"),
        e.problems());
  }

  @Test
  void refusesAReservedColumnNameAtLaunchNamingTheSchemaParameter() {
    Map<String, String> p =
        parameters("test-project:shop.reserved", "reserved-name-schema.json", "orders.csv");

    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateRun.of(new GcsCsvToBigQuery(), p, dir));

    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("parameter 'JSONPath': "), e.getMessage());
    assertTrue(e.getMessage().contains("_PARTITIONTIME"), e.getMessage());
  }

  private static void assertReason(JsonNode deadLetter, String reason) {
    assertEquals("CONVERT", deadLetter.get("stage").asText(), deadLetter.toString());
    assertTrue(deadLetter.get("errorMessage").asText().startsWith(reason), deadLetter.toString());
  }
}
