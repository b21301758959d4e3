package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.SchemaLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows routed without {@code JSONPath}: each table's own existing schema converts its rows, and the
 * placeholders read the records' own fields. The tables are made beforehand in Beam's in-process
 * BigQuery, as they would exist in BigQuery. TIMESTAMP text forms and their UTC reading are
 * BigQuery's
 * (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#timestamp_type).
 */
class TablesOwnSchemasTest {
  private static final Path FIXTURES = Path.of("src/test/resources/TablesOwnSchemasTest");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private FakeDatasetService datasetWith(String dataset, Map<String, String> schemaFiles)
      throws Exception {
    FakeDatasetService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    datasets.createDataset("test-project", dataset, "", "", null);
    for (Map.Entry<String, String> table : schemaFiles.entrySet()) {
      datasets.createTable(
          new Table()
              .setTableReference(
                  BigQueryHelpers.parseTableSpec("test-project:" + dataset + "." + table.getKey()))
              .setSchema(
                  BigQuerySchemas.parse(
                      Files.readString(FIXTURES.resolve(table.getValue())), table.getValue())));
    }
    return datasets;
  }

  /** A dataset with tables events_click and events_view, of different columns. */
  private FakeDatasetService clickAndViewTables(String dataset) throws Exception {
    return datasetWith(
        dataset, Map.of("events_click", "click_schema.json", "events_view", "view_schema.json"));
  }

  private GcsJsonToBigQuery.Options options(String dataset, String template, String... extra) {
    return optionsReading("events.json", dataset, template, extra);
  }

  private GcsJsonToBigQuery.Options optionsReading(
      String input, String dataset, String template, String... extra) {
    List<String> args = new ArrayList<>();
    args.add("--inputFilePattern=" + FIXTURES.resolve(input));
    args.add("--outputTable=test-project:" + dataset + ".events");
    args.add("--outputTableNameTemplate=" + template);
    args.add("--project=test-project");
    args.add("--tempLocation=" + dir.resolve("temp"));
    args.addAll(List.of(extra));
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
        .as(GcsJsonToBigQuery.Options.class);
  }

  private static Map<String, TableRow> byId(List<TableRow> rows) {
    Map<String, TableRow> byId = new TreeMap<>();
    rows.forEach(row -> byId.put(String.valueOf(TemplateRun.column(row, "event_id")), row));
    return byId;
  }

  /** Dead letters by the event id in their payload (or the payload itself), "STAGE: message". */
  private static Map<String, String> deadLetters(List<TableRow> rows) {
    Map<String, String> byId = new TreeMap<>();
    for (TableRow row : rows) {
      String id =
          String.valueOf(TemplateRun.column(row, "payloadString"))
              .replaceAll(".*\"event_id\": \"([^\"]+)\".*", "$1");
      byId.put(
          id, TemplateRun.column(row, "stage") + ": " + TemplateRun.column(row, "errorMessage"));
    }
    return byId;
  }

  /** A JSON column's value as read back: text on one write method, a map on the other. */
  private static JsonNode json(Object value) throws Exception {
    return value instanceof String text ? JSON.readTree(text) : JSON.valueToTree(value);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void eachTableConvertsItsRowsAgainstItsOwnSchema(boolean storageWriteApi) throws Exception {
    String dataset = "own_" + (storageWriteApi ? "storage" : "loads");
    FakeDatasetService datasets = clickAndViewTables(dataset);

    TemplateRun.RunOnFakes run =
        TemplateRun.runToEnd(
            new GcsJsonToBigQuery(),
            options(dataset, "events_{event_type}", "--useStorageWriteApi=" + storageWriteApi),
            datasets);

    String tables = "test-project:" + dataset + ".events_";
    Map<String, TableRow> clicks = byId(run.bigQuery().rows(tables + "click"));
    assertEquals(List.of("a"), List.copyOf(clicks.keySet()));
    assertEquals("5", String.valueOf(TemplateRun.column(clicks.get("a"), "x")));
    Map<String, TableRow> views = byId(run.bigQuery().rows(tables + "view"));
    // A field is found whatever its case, as BigQuery matches column names.
    assertEquals(List.of("b", "f"), List.copyOf(views.keySet()));
    assertEquals("yes", TemplateRun.column(views.get("b"), "y"));
    // The JSON column holds the object, on both write methods.
    assertEquals(
        JSON.readTree("{\"k\":[1,2]}"), json(TemplateRun.column(views.get("b"), "detail")));
    Map<String, String> dead = deadLetters(run.bigQuery().rows(tables + "error_records"));
    assertEquals(5, dead.size(), dead.toString());
    // y is a column of events_view, not of events_click; x the other way round.
    assertTrue(
        dead.get("c").startsWith("CONVERT: field 'y' is not in the BigQuery schema"),
        dead.toString());
    assertTrue(
        dead.get("g").startsWith("CONVERT: field 'x' is not in the BigQuery schema"),
        dead.toString());
    assertTrue(
        dead.get("d")
            .startsWith(
                "ROUTE: table "
                    + tables
                    + "purchase does not exist; without JSONPath each table's rows are converted"
                    + " against its own schema"),
        dead.toString());
    assertTrue(dead.get("e").startsWith("ROUTE: field event_type is an object"), dead.toString());
    // The parser's own reason, as without routing.
    assertTrue(dead.get("not json at all").startsWith("PARSE: "), dead.toString());
    assertFalse(dead.get("not json at all").contains("no table can be named"), dead.toString());
    assertNull(datasets.getTable(BigQueryHelpers.parseTableSpec(tables + "purchase")));
    assertEquals(8, run.counts().read());
    assertEquals(3, run.counts().written());
    assertEquals(5, run.counts().deadLettered());
    assertTrue(run.counts().balanced());
  }

  /**
   * {@code autoMapTables} with routed tables: each table gains the columns its own records call
   * for, by the type mapping of the single-table case (AutoMapTablesTest), and a table that does
   * not exist is created with the columns of its records; a record whose value is not of the type
   * its table's records mostly gave is a dead letter naming both.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void eachTableGainsTheColumnsOfItsOwnRecords(boolean storageWriteApi) throws Exception {
    String dataset = "mapped_" + (storageWriteApi ? "storage" : "loads");
    FakeDatasetService datasets = clickAndViewTables(dataset);

    TemplateRun.RunOnFakes run =
        TemplateRun.runToEnd(
            new GcsJsonToBigQuery(),
            optionsReading(
                "new_fields.json",
                dataset,
                "events_{event_type}",
                "--autoMapTables=true",
                "--useStorageWriteApi=" + storageWriteApi),
            datasets);

    String tables = "test-project:" + dataset + ".events_";
    // z is INT64 in events_click and STRING in events_view: each table by its own records.
    assertEquals(
        List.of(
            "event_id STRING REQUIRED",
            "event_type STRING NULLABLE",
            "event_time TIMESTAMP NULLABLE",
            // As the schema file is read: BigQuery's legacy name for INT64.
            "x INTEGER NULLABLE",
            "device RECORD NULLABLE (os STRING NULLABLE)",
            "z INT64 NULLABLE"),
        columnsOf(datasets, tables + "click"));
    assertEquals(
        List.of(
            "event_id STRING REQUIRED",
            "event_type STRING NULLABLE",
            "event_time TIMESTAMP NULLABLE",
            "y STRING NULLABLE",
            "detail JSON NULLABLE",
            "x INT64 NULLABLE",
            "z STRING NULLABLE"),
        columnsOf(datasets, tables + "view"));
    assertEquals(
        List.of(
            "amount FLOAT64 NULLABLE",
            "event_id STRING NULLABLE",
            "event_type STRING NULLABLE",
            "tags STRING REPEATED"),
        columnsOf(datasets, tables + "purchase"));

    Map<String, TableRow> clicks = byId(run.bigQuery().rows(tables + "click"));
    assertEquals(List.of("a", "b"), List.copyOf(clicks.keySet()));
    assertEquals("2", String.valueOf(TemplateRun.column(clicks.get("b"), "z")));
    Map<String, TableRow> purchases = byId(run.bigQuery().rows(tables + "purchase"));
    assertEquals(List.of("d", "e"), List.copyOf(purchases.keySet()));
    assertEquals(
        12.0, Double.parseDouble(String.valueOf(TemplateRun.column(purchases.get("e"), "amount"))));
    Map<String, TableRow> views = byId(run.bigQuery().rows(tables + "view"));
    assertEquals(List.of("f", "g"), List.copyOf(views.keySet()));
    assertEquals("text", TemplateRun.column(views.get("g"), "z"));

    Map<String, String> dead = deadLetters(run.bigQuery().rows(tables + "error_records"));
    assertEquals(List.of("c", "h", "not json at all"), List.copyOf(dead.keySet()));
    assertEquals(
        "CONVERT: field 'z': 'three' is not an INT64 (records disagree on the field's type:"
            + " INT64 in 2 records, STRING in 1 record: added as INT64)",
        dead.get("c"));
    assertTrue(dead.get("h").startsWith("ROUTE: field event_type is an object"), dead.toString());
    assertTrue(dead.get("not json at all").startsWith("PARSE: "), dead.toString());
    assertEquals(9, run.counts().read());
    assertEquals(6, run.counts().written());
    assertEquals(3, run.counts().deadLettered());
    assertTrue(run.counts().balanced());
  }

  /** With {@code createDisposition=CREATE_NEVER} no table is made for new fields either. */
  @Test
  void aMissingTableIsNotCreatedUnderCreateNever() throws Exception {
    FakeDatasetService datasets = clickAndViewTables("never");

    TemplateRun.RunOnFakes run =
        TemplateRun.runToEnd(
            new GcsJsonToBigQuery(),
            optionsReading(
                "new_fields.json",
                "never",
                "events_{event_type}",
                "--autoMapTables=true",
                "--createDisposition=CREATE_NEVER"),
            datasets);

    assertNull(
        datasets.getTable(BigQueryHelpers.parseTableSpec("test-project:never.events_purchase")));
    Map<String, String> dead =
        deadLetters(run.bigQuery().rows("test-project:never.events_error_records"));
    assertEquals(List.of("c", "d", "e", "h", "not json at all"), List.copyOf(dead.keySet()));
    assertTrue(
        dead.get("d")
            .startsWith(
                "ROUTE: table test-project:never.events_purchase does not exist, and"
                    + " createDisposition=CREATE_NEVER creates no table"),
        dead.toString());
    assertEquals(4, run.counts().written());
    assertTrue(run.counts().balanced());
  }

  private static List<String> columnsOf(FakeDatasetService datasets, String table)
      throws Exception {
    return SchemaLines.of(
        datasets.getTable(BigQueryHelpers.parseTableSpec(table)).getSchema().getFields());
  }

  @Test
  void aTimePatternReadsTheRecordsTimeTextInUtc() throws Exception {
    FakeDatasetService datasets =
        datasetWith(
            "days", Map.of("day_20261201", "view_schema.json", "day_20261202", "view_schema.json"));

    TemplateRun.RunOnFakes run =
        TemplateRun.runToEnd(
            new GcsJsonToBigQuery(),
            options("days", "day_{event_time:yyyyMMdd}", "--ignoreUnknownValues=true"),
            datasets);

    // b's 00:30 at +01:00 is 23:30 UTC on the 1st.
    assertEquals(
        List.of("a", "b"),
        List.copyOf(byId(run.bigQuery().rows("test-project:days.day_20261201")).keySet()));
    assertEquals(
        List.of("c", "d", "f"),
        List.copyOf(byId(run.bigQuery().rows("test-project:days.day_20261202")).keySet()));
    Map<String, String> dead =
        deadLetters(run.bigQuery().rows("test-project:days.events_error_records"));
    assertTrue(
        dead.get("g").startsWith("ROUTE: table test-project:days.day_20261203 does not exist"),
        dead.toString());
    assertEquals(8, run.counts().read());
    assertTrue(run.counts().balanced());
  }

  /** The text template's placeholders read the fields of the row its UDF returns. */
  @Test
  void theTextTemplateNamesTablesFromWhatItsUdfReturns() throws Exception {
    FakeDatasetService datasets =
        datasetWith(
            "visits", Map.of("visits_web", "web_schema.json", "visits_app", "app_schema.json"));
    Path udfFixtures = Path.of("src/test/resources/AutoMapTablesTest");
    GcsTextToBigQuery.Options options =
        PipelineOptionsFactory.fromArgs(
                "--inputFilePattern=" + udfFixtures.resolve("visits.txt"),
                "--javascriptTextTransformGcsPath=" + udfFixtures.resolve("visit_line.js"),
                "--javascriptTextTransformFunctionName=visitLine",
                "--outputTable=test-project:visits.visits",
                "--outputTableNameTemplate=visits_{channel}",
                "--project=test-project",
                "--tempLocation=" + dir.resolve("temp"))
            .as(GcsTextToBigQuery.Options.class);

    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(new GcsTextToBigQuery(), options, datasets);

    List<TableRow> web = run.bigQuery().rows("test-project:visits.visits_web");
    assertEquals(1, web.size());
    assertEquals("3", String.valueOf(TemplateRun.column(web.get(0), "pages")));
    assertEquals(0, run.bigQuery().rowCount("test-project:visits.visits_app"));
    List<String> reasons = new ArrayList<>();
    for (TableRow row : run.bigQuery().rows("test-project:visits.visits_error_records")) {
      reasons.add(
          TemplateRun.column(row, "stage") + ": " + TemplateRun.column(row, "errorMessage"));
    }
    reasons.sort(null);
    assertEquals(3, reasons.size(), reasons.toString());
    // e-2's pages is a column of visits_web only.
    assertTrue(reasons.get(0).startsWith("CONVERT: field 'pages'"), reasons.toString());
    assertTrue(
        reasons.get(1).startsWith("ROUTE: table test-project:visits.visits_kiosk does not exist"),
        reasons.toString());
    assertTrue(reasons.get(2).startsWith("UDF: "), reasons.toString());
    assertEquals(4, run.counts().read());
    assertTrue(run.counts().balanced());
  }

  @Test
  void whatNeedsOneSchemaIsRefusedBeforeAnyJobStarts() {
    String routed = "--outputTableNameTemplate=events_{event_type}";
    assertEquals(
        "parameter 'timePartitioningField': needs JSONPath when a template names the rows' tables:"
            + " without it each table's own schema converts its rows, and each table keeps its own"
            + " partitioning and clustering",
        refusedAtLaunch(routed, "--timePartitioningField=event_time"));
    assertEquals(
        "parameter 'autoMapTables': adds columns table by table, for the fields of each table's own"
            + " records, so it needs each routed table's own schema: leave JSONPath out, and each"
            + " table gains the columns its records call for",
        refusedAtLaunch(
            routed, "--autoMapTables=true", "--JSONPath=" + FIXTURES.resolve("click_schema.json")));
    assertTrue(
        refusedAtLaunch(routed, "--schemaUpdateOptions=ALLOW_FIELD_ADDITION")
            .startsWith("parameter 'schemaUpdateOptions': needs JSONPath"));
    assertTrue(
        refusedAtLaunch("--outputTableNameTemplate=events_{event_type}${event_time:yyyyMMdd}")
            .contains("names partitions, which needs JSONPath and timePartitioningField"));
    // Literal text and patterns are still checked: no schema is needed for them.
    assertTrue(
        refusedAtLaunch("--outputTableNameTemplate=events.{event_type}")
            .contains("outside its placeholders"));
    assertTrue(
        refusedAtLaunch("--outputTableNameTemplate=day_{event_time:yyyy/MM}")
            .contains("which BigQuery refuses in a table name"));
  }

  @Test
  void csvRecordsNameNoFieldsSoTheyStillNeedJsonPath() {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("inputFilePattern", "src/test/resources/RoutedOutputTest/events.json");
    args.put("outputTable", "test-project:d.events");
    args.put("outputTableNameTemplate", "events_{event_type}");
    args.put("project", "test-project");
    ParameterValidationException refused =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateLauncher.launch(new GcsCsvToBigQuery(), launch(args)));
    assertTrue(
        refused.problems().get(0).startsWith("parameter 'JSONPath': is needed with"),
        refused.getMessage());
  }

  /** The one refusal of a JSON template launch with {@code extra} arguments. */
  private static String refusedAtLaunch(String... extra) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("inputFilePattern", FIXTURES.resolve("events.json").toString());
    args.put("outputTable", "test-project:d.events");
    args.put("project", "test-project");
    for (String arg : extra) {
      int eq = arg.indexOf('=');
      args.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    ParameterValidationException refused =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateLauncher.launch(new GcsJsonToBigQuery(), launch(args)));
    assertEquals(1, refused.problems().size(), refused.getMessage());
    return refused.problems().get(0);
  }

  private static String[] launch(Map<String, String> args) {
    List<String> launch = new ArrayList<>();
    args.forEach((k, v) -> launch.add("--" + k + "=" + v));
    return launch.toArray(String[]::new);
  }
}
