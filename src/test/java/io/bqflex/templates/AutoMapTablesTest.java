package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.catalog.LaunchParameters;
import io.bqflex.pipeline.Template;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.SchemaLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code autoMapTables} on the JSON and text templates, both write methods, on a table that exists
 * and on one the write creates, through Beam's in-process BigQuery. Columns are added as BigQuery
 * allows a schema to grow: NULLABLE or REPEATED, at the end of the table or of a RECORD
 * (https://cloud.google.com/bigquery/docs/managing-table-schemas#add_columns_to_a_tables_schema_definition).
 *
 * <p>The records: a burst of fields the table lacks (a string, an integer in one record and a
 * decimal in another, a string array, an object, an array of objects, a boolean, a field inside an
 * existing RECORD), a type conflict (size: an integer in three records, a string in one), an array
 * of arrays (no column holds it), a field whose only value is null, and a line that is not JSON.
 */
class AutoMapTablesTest {
  private static final String FIXTURES = "src/test/resources/AutoMapTablesTest/";

  /** Each run its own dataset: Beam remembers the tables its writers created, JVM-wide. */
  private static final AtomicInteger DATASETS = new AtomicInteger();

  @TempDir Path tmp;

  private FakeDatasetService datasets;
  private String table;

  @BeforeEach
  void emptyDataset() throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    datasets = new FakeDatasetService();
    String dataset = "events" + DATASETS.incrementAndGet();
    table = "my-project:" + dataset + ".events";
    datasets.createDataset("my-project", dataset, "", "", null);
  }

  @ParameterizedTest(name = "storage write API {0}, table exists {1}")
  @CsvSource({"false, true", "false, false", "true, true", "true, false"})
  void fieldsTheTableLacksBecomeColumnsAndConflictsDeadLetters(
      boolean storageWriteApi, boolean tableExists) throws Exception {
    if (tableExists) {
      datasets.createTable(
          new Table()
              .setTableReference(BigQueryHelpers.parseTableSpec(table))
              .setSchema(
                  BigQuerySchemas.parse(
                      Files.readString(Path.of(FIXTURES + "schema.json")), "schema")));
    }
    GcsJsonToBigQuery.Options options = options(storageWriteApi);
    assertEquals(
        List.of(), new GcsJsonToBigQuery().preflight(options, Template.Reach.LAUNCH).problems());

    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(new GcsJsonToBigQuery(), options, datasets);

    List<TableFieldSchema> columns =
        datasets.getTable(BigQueryHelpers.parseTableSpec(table)).getSchema().getFields();
    assertEquals(
        List.of(
            "event_id STRING REQUIRED",
            "user RECORD NULLABLE (id STRING NULLABLE, plan STRING NULLABLE)",
            "channel STRING NULLABLE",
            "device RECORD NULLABLE (os STRING NULLABLE, version INT64 NULLABLE)",
            "items RECORD REPEATED (qty INT64 NULLABLE, sku STRING NULLABLE)",
            "opted_in BOOL NULLABLE",
            "score FLOAT64 NULLABLE",
            "size INT64 NULLABLE",
            "tags STRING REPEATED"),
        SchemaLines.of(columns));

    Map<String, TableRow> rows = new TreeMap<>();
    for (TableRow row : run.bigQuery().rows(table)) {
      rows.put(String.valueOf(cell(row, "event_id")), row);
    }
    assertEquals(List.of("e-1", "e-2", "e-3", "e-4", "e-6"), List.copyOf(rows.keySet()));
    assertEquals("web", cell(rows.get("e-2"), "channel"));
    assertEquals(3.0, Double.parseDouble(String.valueOf(cell(rows.get("e-2"), "score"))));
    assertEquals(List.of("new", "promo"), cell(rows.get("e-3"), "tags"));
    assertEquals("pro", String.valueOf(lowerKeys(cell(rows.get("e-4"), "user")).get("plan")));
    assertEquals("android", String.valueOf(lowerKeys(cell(rows.get("e-4"), "device")).get("os")));
    assertEquals(2, ((List<?>) cell(rows.get("e-6"), "items")).size());
    assertNull(cell(rows.get("e-1"), "channel"));

    Map<String, String> deadLetters = new TreeMap<>();
    for (TableRow deadLetter : run.bigQuery().rows(table + "_error_records")) {
      Map<String, Object> cells = lowerKeys(deadLetter);
      String payload = String.valueOf(cells.get("payloadstring"));
      deadLetters.put(
          payload.substring(14, 17), cells.get("stage") + ": " + cells.get("errormessage"));
    }
    assertEquals(List.of("e-5", "e-7", "e-8", "e-9"), List.copyOf(deadLetters.keySet()));
    assertEquals(
        "CONVERT: field 'size': 'large' is not an INT64 (records disagree on the field's type:"
            + " INT64 in 3 records, STRING in 1 record: added as INT64)",
        deadLetters.get("e-5"));
    assertTrue(
        deadLetters.get("e-7").contains("field 'matrix' is not in the BigQuery schema"),
        deadLetters.get("e-7"));
    assertTrue(deadLetters.get("e-8").startsWith("PARSE"), deadLetters.get("e-8"));
    assertTrue(
        deadLetters.get("e-9").contains("field 'note' is not in the BigQuery schema"),
        deadLetters.get("e-9"));

    assertEquals(9, run.counts().read());
    assertEquals(5, run.counts().written());
    assertEquals(4, run.counts().deadLettered());
    assertTrue(run.counts().balanced());
  }

  /**
   * The evolution sample: its second file adds a coupon field, which becomes a column of the table
   * the local run creates, on both write methods.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theEvolutionSampleGainsTheFieldItsSecondFileAdds(boolean storageWriteApi) throws Exception {
    Map<String, String> parameters =
        LaunchParameters.parse(
            Files.readString(
                    Path.of(
                        "templates",
                        GcsJsonToBigQuery.ID,
                        "samples",
                        "evolution",
                        "parameters.txt"))
                .trim());
    String output = "bqflex-local:sample_" + (storageWriteApi ? "storage" : "loads") + ".orders";
    parameters.put("outputTable", output);
    parameters.put("useStorageWriteApi", String.valueOf(storageWriteApi));

    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), parameters, tmp);

    Map<String, String> coupons = new TreeMap<>();
    for (JsonNode row : run.rows(output)) {
      JsonNode coupon = row.get("coupon");
      coupons.put(row.get("order_id").asText(), coupon == null ? "" : coupon.asText(""));
    }
    assertEquals(
        Map.of("o-1", "", "o-2", "", "o-3", "", "o-4", "SPRING10", "o-5", "WELCOME", "o-6", ""),
        coupons,
        run.console);
    assertEquals(6, run.result.counts().read());
    assertEquals(6, run.result.counts().written());
    assertTrue(run.result.counts().balanced());
  }

  /**
   * The text template maps the fields of the rows its UDF returns: channel and pages become
   * columns; a line the UDF refuses is a dead letter at the UDF stage.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theTextTemplateAddsColumnsForTheFieldsItsUdfReturns(boolean storageWriteApi)
      throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("inputFilePattern", FIXTURES + "visits.txt");
    parameters.put("JSONPath", FIXTURES + "schema.json");
    parameters.put("outputTable", table);
    parameters.put("javascriptTextTransformGcsPath", FIXTURES + "visit_line.js");
    parameters.put("javascriptTextTransformFunctionName", "visitLine");
    parameters.put("autoMapTables", "true");
    parameters.put("useStorageWriteApi", "" + storageWriteApi);
    parameters.put("project", "my-project");
    parameters.put("tempLocation", tmp.toString());

    TemplateRun.RunOnFakes run =
        TemplateRun.runToEnd(
            new GcsTextToBigQuery(),
            FakeLaunch.options(new GcsTextToBigQuery(), parameters, datasets),
            datasets);

    assertEquals(
        List.of(
            "event_id STRING REQUIRED",
            "user RECORD NULLABLE (id STRING NULLABLE)",
            "channel STRING NULLABLE",
            "pages INT64 NULLABLE"),
        SchemaLines.of(
            datasets.getTable(BigQueryHelpers.parseTableSpec(table)).getSchema().getFields()));
    Map<String, String> rows = new TreeMap<>();
    for (TableRow row : run.bigQuery().rows(table)) {
      rows.put(
          String.valueOf(cell(row, "event_id")), cell(row, "channel") + "/" + cell(row, "pages"));
    }
    assertEquals(Map.of("e-1", "web/3", "e-2", "app/12", "e-3", "kiosk/null"), rows);
    List<TableRow> deadLetters = run.bigQuery().rows(table + "_error_records");
    assertEquals(1, deadLetters.size());
    assertEquals("UDF", String.valueOf(lowerKeys(deadLetters.get(0)).get("stage")));
    assertEquals(4, run.counts().read());
    assertTrue(run.counts().balanced());
  }

  private GcsJsonToBigQuery.Options options(boolean storageWriteApi) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("inputFilePattern", FIXTURES + "events.json");
    parameters.put("JSONPath", FIXTURES + "schema.json");
    parameters.put("outputTable", table);
    parameters.put("autoMapTables", "true");
    parameters.put("useStorageWriteApi", "" + storageWriteApi);
    parameters.put("project", "my-project");
    parameters.put("tempLocation", tmp.toString());
    return FakeLaunch.options(new GcsJsonToBigQuery(), parameters, datasets);
  }

  /**
   * A cell by name: Beam's fake lower-cases the names of rows written with the Storage Write API.
   */
  private static Object cell(TableRow row, String name) {
    return lowerKeys(row).get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> lowerKeys(Object row) {
    Map<String, Object> lower = new LinkedHashMap<>();
    ((Map<String, Object>) row).forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return lower;
  }
}
