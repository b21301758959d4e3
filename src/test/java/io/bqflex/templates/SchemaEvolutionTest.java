package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.Job;
import com.google.api.services.bigquery.model.JobConfigurationLoad;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.pipeline.Template;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.rows.BigQuerySchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code schemaUpdateOptions}: an existing table (order_id REQUIRED, customer REQUIRED, quantity)
 * written with a schema that adds coupon and address.city and makes customer NULLABLE, on both
 * write methods, through Beam's in-process BigQuery.
 *
 * <p>BigQuery's rules (https://cloud.google.com/bigquery/docs/managing-table-schemas): a load or
 * append adds NULLABLE or REPEATED columns with ALLOW_FIELD_ADDITION (a REQUIRED column only inside
 * a new RECORD), relaxes REQUIRED to NULLABLE with ALLOW_FIELD_RELAXATION, changes no type; the
 * options apply with WRITE_APPEND, or WRITE_TRUNCATE of a partition
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobConfigurationLoad). Beam's
 * in-process load jobs ignore the options: the FILE_LOADS test asserts they reach the job.
 */
class SchemaEvolutionTest {
  private static final String FIXTURES = "src/test/resources/SchemaEvolutionTest/";

  /** Each test its own dataset: Beam remembers the tables its writers created, JVM-wide. */
  private static final AtomicInteger DATASETS = new AtomicInteger();

  private static final String BOTH = "ALLOW_FIELD_ADDITION,ALLOW_FIELD_RELAXATION";

  @TempDir Path tmp;

  private FakeDatasetService datasets;
  private String table;
  private String deadLetters;

  @BeforeEach
  void existingTable() throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    datasets = new FakeDatasetService();
    String dataset = "shop" + DATASETS.incrementAndGet();
    table = "my-project:" + dataset + ".orders";
    deadLetters = table + "_error_records";
    datasets.createDataset("my-project", dataset, "", "", null);
    datasets.createTable(
        new Table()
            .setTableReference(BigQueryHelpers.parseTableSpec(table))
            .setSchema(schema("table-schema.json")));
  }

  @Test
  void loadJobsOfTheOutputTableCarryTheOptions() throws Exception {
    GcsJsonToBigQuery.Options options = options("--schemaUpdateOptions=" + BOTH);
    assertEquals(List.of(), preflight(options));

    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(new GcsJsonToBigQuery(), options, datasets);

    Map<String, List<String>> optionsByTable = new LinkedHashMap<>();
    for (Job job : new FakeJobService().getAllJobs()) {
      JobConfigurationLoad load = job.getConfiguration().getLoad();
      if (load != null) {
        optionsByTable.put(
            BigQueryHelpers.toTableSpec(load.getDestinationTable()),
            load.getSchemaUpdateOptions() == null ? List.of() : load.getSchemaUpdateOptions());
      }
    }
    assertEquals(
        Map.of(
            table,
            List.of("ALLOW_FIELD_ADDITION", "ALLOW_FIELD_RELAXATION"),
            deadLetters,
            List.of()),
        optionsByTable);
    assertEquals(4, run.counts().read());
    assertEquals(3, run.counts().written());
    assertEquals(1, run.counts().deadLettered());
    assertTrue(run.counts().balanced());
  }

  @Test
  void storageWriteApiWidensTheTableBeforeTheJobStarts() throws Exception {
    GcsJsonToBigQuery.Options options =
        options("--schemaUpdateOptions=" + BOTH, "--useStorageWriteApi=true");
    assertEquals(List.of(), preflight(options));

    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(new GcsJsonToBigQuery(), options, datasets);

    List<TableFieldSchema> fields =
        datasets.getTable(BigQueryHelpers.parseTableSpec(table)).getSchema().getFields();
    assertEquals(
        List.of("order_id", "customer", "quantity", "coupon", "address"),
        fields.stream().map(TableFieldSchema::getName).toList());
    // The table's own columns keep what the schema file does not say (here a description).
    assertEquals("The shop's order number", fields.get(0).getDescription());
    assertEquals("REQUIRED", fields.get(0).getMode());
    assertEquals("NULLABLE", fields.get(1).getMode());
    // A REQUIRED column may come inside a new RECORD.
    assertEquals("REQUIRED", fields.get(4).getFields().get(0).getMode());

    Map<String, TableRow> rows = new LinkedHashMap<>();
    for (TableRow row : run.bigQuery().rows(table)) {
      rows.put(String.valueOf(row.get("order_id")), row);
    }
    assertEquals(List.of("A-1", "A-2", "A-3"), rows.keySet().stream().sorted().toList());
    assertEquals("WINTER10", rows.get("A-2").get("coupon"));
    assertNull(rows.get("A-2").get("customer"));
    assertEquals(Map.of("city", "Lyon"), rows.get("A-3").get("address"));
    assertEquals(1, run.bigQuery().rowCount(deadLetters));
    assertEquals(4, run.counts().read());
    assertTrue(run.counts().balanced());
  }

  @Test
  void aTableThatAlreadyHasTheColumnsIsLeftAsItIs() throws Exception {
    datasets.updateTableSchema(BigQueryHelpers.parseTableSpec(table), schema("grown-schema.json"));
    GcsJsonToBigQuery.Options options =
        options("--schemaUpdateOptions=" + BOTH, "--useStorageWriteApi=true");

    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(new GcsJsonToBigQuery(), options, datasets);

    assertEquals(
        schema("grown-schema.json"),
        datasets.getTable(BigQueryHelpers.parseTableSpec(table)).getSchema());
    assertEquals(3, run.counts().written());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--JSONPath="
            + FIXTURES
            + "retyped-schema.json|parameter 'JSONPath': column 'quantity' is"
            + " INT64 in the table but STRING in the schema, and BigQuery changes no column's type"
            + " in a load or append (https://cloud.google.com/bigquery/docs/managing-table-schemas);"
            + " make the schema agree with table <table>, or write to another table",
        "--schemaUpdateOptions=ALLOW_FIELD_ADDITION|parameter 'schemaUpdateOptions': the schema"
            + " makes REQUIRED columns of table <table> NULLABLE ('customer'), which"
            + " BigQuery refuses unless they may be relaxed: set"
            + " schemaUpdateOptions=ALLOW_FIELD_RELAXATION, or make them REQUIRED in the schema",
        "--schemaUpdateOptions=ALLOW_FIELD_RELAXATION --useStorageWriteApi=true|parameter"
            + " 'schemaUpdateOptions': the schema has columns that table <table> lacks"
            + " ('coupon', 'address'), which BigQuery refuses unless the table may gain them: set"
            + " schemaUpdateOptions=ALLOW_FIELD_ADDITION, or add them to the table first",
        "--schemaUpdateOptions="
            + BOTH
            + " --writeDisposition=WRITE_TRUNCATE|parameter"
            + " 'schemaUpdateOptions': has no use with writeDisposition=WRITE_TRUNCATE of a whole"
            + " table, which takes the schema as it is; leave schemaUpdateOptions out, or write with"
            + " WRITE_APPEND",
        "--schemaUpdateOptions="
            + BOTH
            + " --writeDisposition=WRITE_EMPTY|parameter"
            + " 'schemaUpdateOptions': works only with writeDisposition=WRITE_APPEND, or"
            + " WRITE_TRUNCATE of a partition (BigQuery's rule), not with WRITE_EMPTY",
      })
  void whatBigQueryWouldRefuseIsRefusedAtLaunchWithOneLine(String args, String line)
      throws Exception {
    GcsJsonToBigQuery.Options options = options(args.split(" "));

    ParameterValidationException refused =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateLauncher.launch(new GcsJsonToBigQuery(), options));

    assertEquals(List.of(line.replace("<table>", table)), refused.problems());
    assertNull(datasets.getTable(BigQueryHelpers.parseTableSpec(deadLetters)));
  }

  @Test
  void withoutOptionsBothChangesAreNamed() throws Exception {
    List<String> problems = preflight(options());

    assertEquals(2, problems.size(), String.join("\n", problems));
    assertTrue(problems.get(0).contains("set schemaUpdateOptions=ALLOW_FIELD_ADDITION"));
    assertTrue(problems.get(1).contains("set schemaUpdateOptions=ALLOW_FIELD_RELAXATION"));
  }

  @Test
  void truncatingTheWholeTableReplacesItsSchemaWithoutOptions() throws Exception {
    assertEquals(List.of(), preflight(options("--writeDisposition=WRITE_TRUNCATE")));
  }

  /**
   * Routed rows on the Storage Write API: each table is widened before its first row; one whose
   * column's type differs from the schema's cannot be (BigQuery changes no column's type), and its
   * rows are dead letters saying so; one that does not exist is created with the whole schema.
   */
  @Test
  void routedRowsOnTheStorageWriteApiWidenEachTableBeforeItsFirstRow() throws Exception {
    String prefix = table + "_";
    datasets.createTable(
        new Table()
            .setTableReference(BigQueryHelpers.parseTableSpec(prefix + "A-1"))
            .setSchema(schema("table-schema.json")));
    datasets.createTable(
        new Table()
            .setTableReference(BigQueryHelpers.parseTableSpec(prefix + "A-3"))
            .setSchema(schema("retyped-schema.json")));
    GcsJsonToBigQuery.Options options =
        options(
            "--schemaUpdateOptions=" + BOTH,
            "--useStorageWriteApi=true",
            "--outputTableNameTemplate=orders_{order_id}");
    assertEquals(List.of(), preflight(options));

    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(new GcsJsonToBigQuery(), options, datasets);

    TableSchema widened =
        datasets.getTable(BigQueryHelpers.parseTableSpec(prefix + "A-1")).getSchema();
    assertEquals(
        List.of("order_id", "customer", "quantity", "coupon", "address"),
        widened.getFields().stream().map(TableFieldSchema::getName).toList());
    assertEquals("NULLABLE", widened.getFields().get(1).getMode());
    assertEquals(1, run.bigQuery().rowCount(prefix + "A-1"));
    List<TableRow> created = run.bigQuery().rows(prefix + "A-2");
    assertEquals("WINTER10", created.get(0).get("coupon"));
    assertEquals(
        schema("retyped-schema.json"),
        datasets.getTable(BigQueryHelpers.parseTableSpec(prefix + "A-3")).getSchema());
    Map<String, String> reasons = new TreeMap<>();
    for (TableRow row : run.bigQuery().rows(deadLetters)) {
      reasons.put(
          String.valueOf(TemplateRun.column(row, "stage")),
          String.valueOf(TemplateRun.column(row, "errorMessage")));
    }
    assertEquals(Set.of("CONVERT", "ROUTE"), reasons.keySet());
    assertTrue(
        reasons
            .get("ROUTE")
            .startsWith(
                "table "
                    + prefix
                    + "A-3 cannot take the schema rows are written with: parameter 'JSONPath':"
                    + " column 'quantity' is STRING in the table but INT64 in the schema"),
        reasons.get("ROUTE"));
    assertEquals(4, run.counts().read());
    assertEquals(2, run.counts().written());
    assertTrue(run.counts().balanced());
  }

  private List<String> preflight(GcsJsonToBigQuery.Options options) {
    return new GcsJsonToBigQuery().preflight(options, Template.Reach.LAUNCH).problems();
  }

  private static TableSchema schema(String file) throws Exception {
    return BigQuerySchemas.parse(Files.readString(Path.of(FIXTURES + file)), file);
  }

  /** The template's options from the launch arguments (later ones win), on the fakes. */
  private GcsJsonToBigQuery.Options options(String... extra) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("inputFilePattern", FIXTURES + "orders.json");
    args.put("JSONPath", FIXTURES + "grown-schema.json");
    args.put("outputTable", table);
    args.put("project", "my-project");
    args.put("tempLocation", tmp.toString());
    for (String arg : extra) {
      String[] nameValue = arg.substring(2).split("=", 2);
      args.put(nameValue[0], nameValue[1]);
    }
    return FakeLaunch.options(new GcsJsonToBigQuery(), args, datasets);
  }
}
