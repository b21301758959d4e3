package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.api.services.bigquery.model.TimePartitioning;
import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.pipeline.Template;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.rows.BigQuerySchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the launcher refuses of the output table's parameters before the pipeline is built, one line
 * each, looked up through Beam's in-process BigQuery as the launcher on Dataflow looks through
 * BigQuery itself.
 *
 * <p>BigQuery's rules: the partitioning column is a top-level DATE, TIMESTAMP or DATETIME column,
 * not REPEATED, and a DATE column has no HOUR partitions
 * (https://cloud.google.com/bigquery/docs/partitioned-tables#date_timestamp_partitioned_tables,
 * https://cloud.google.com/bigquery/docs/partitioned-tables#limitations); a load job's time
 * partitioning must match the existing table's, and a partition decorator names a partition of a
 * partitioned table (https://cloud.google.com/bigquery/docs/managing-partitioned-table-data).
 * Beam's fakes check none of this: without these checks each case runs green locally.
 */
class OutputTableRefusalsTest {
  private static final String FIXTURES = "src/test/resources/OutputTableRefusalsTest/";
  private static final String TABLE = "my-project:shop.orders";
  private static final String PARTITION_RULE =
      "; BigQuery partitions only by a top-level, non-repeated column of type DATE, DATETIME or"
          + " TIMESTAMP";
  private static final String LOAD_REFUSED = ", which BigQuery refuses for a load into it; ";

  @TempDir Path tmp;

  private FakeDatasetService datasets;

  /**
   * Beam's in-process BigQuery with dataset my-project:shop and, unless {@code existing} is "none",
   * table shop.orders: "plain" (not partitioned), "DAY:placed" (by column), "DAY:ingestion".
   */
  private void bigQueryWith(String existing) throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    datasets = new FakeDatasetService();
    datasets.createDataset("my-project", "shop", "", "", null);
    if (existing.equals("none")) {
      return;
    }
    Table table =
        new Table().setTableReference(BigQueryHelpers.parseTableSpec(TABLE)).setSchema(schema());
    if (!existing.equals("plain")) {
      String[] typeAndField = existing.split(":");
      TimePartitioning partitioning = new TimePartitioning().setType(typeAndField[0]);
      if (!typeAndField[1].equals("ingestion")) {
        partitioning.setField(typeAndField[1]);
      }
      table.setTimePartitioning(partitioning);
    }
    datasets.createTable(table);
  }

  private static TableSchema schema() throws Exception {
    return BigQuerySchemas.parse(Files.readString(Path.of(FIXTURES + "schema.json")), "schema");
  }

  /** The template's options from the launch arguments, on the in-process BigQuery. */
  private GcsJsonToBigQuery.Options options(String extra) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("inputFilePattern", FIXTURES + "orders.json");
    args.put("JSONPath", FIXTURES + "schema.json");
    args.put("outputTable", TABLE);
    args.put("project", "my-project");
    args.put("tempLocation", tmp.toString());
    for (String arg : extra.isBlank() ? new String[0] : extra.trim().split(" +")) {
      String[] nameValue = arg.substring(2).split("=", 2);
      args.put(nameValue[0], nameValue[1]);
    }
    return FakeLaunch.options(new GcsJsonToBigQuery(), args, datasets);
  }

  @ParameterizedTest(name = "[{index}] table {0}, {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // The partitioning column against the schema, with or without a decorator.
        "none|--timePartitioningField=shipped|parameter 'timePartitioningField': column 'shipped'"
            + " is not a top-level column of the output table's schema",
        "none|--timePartitioningField=customer|parameter 'timePartitioningField': column"
            + " 'customer' is STRING"
            + PARTITION_RULE,
        "none|--timePartitioningField=quantity|parameter 'timePartitioningField': column"
            + " 'quantity' is INT64"
            + PARTITION_RULE,
        "none|--timePartitioningField=deliveries|parameter 'timePartitioningField': column"
            + " 'deliveries' is REPEATED (an array)"
            + PARTITION_RULE,
        "none|--timePartitioningField=address|parameter 'timePartitioningField': column 'address'"
            + " is STRUCT"
            + PARTITION_RULE,
        "none|--outputTable=my-project:shop.orders$20240101 --timePartitioningField=customer"
            + "|parameter 'timePartitioningField': column 'customer' is STRING"
            + PARTITION_RULE,
        "none|--timePartitioningField=order_date --timePartitioningType=HOUR|parameter"
            + " 'timePartitioningType': HOUR partitions need a TIMESTAMP or DATETIME column, but"
            + " column 'order_date' is DATE; use DAY, MONTH or YEAR",
        // Clustering columns against the schema.
        "none|--clusteringFields=order_id,weight|parameter 'clusteringFields': column 'weight' is"
            + " FLOAT64; BigQuery clusters only by non-repeated columns of type BIGNUMERIC, BOOL,"
            + " DATE, DATETIME, GEOGRAPHY, INT64, NUMERIC, RANGE, STRING, TIMESTAMP",
        // The existing table.
        "none|--createDisposition=CREATE_NEVER|parameter 'createDisposition': table"
            + " my-project:shop.orders does not exist and CREATE_NEVER does not create it; create"
            + " the table first, or set createDisposition=CREATE_IF_NEEDED (in-process BigQuery,"
            + " as local runs use, starts with no tables)",
        "plain|--timePartitioningField=placed|parameter 'timePartitioningField': table"
            + " my-project:shop.orders is not partitioned, but the parameters ask for DAY"
            + " partitions on column 'placed'"
            + LOAD_REFUSED
            + "leave timePartitioningField out, or write to a table partitioned by it",
        "DAY:placed|--timePartitioningField=order_date|parameter 'timePartitioningField': table"
            + " my-project:shop.orders is partitioned by DAY on column 'placed', but the"
            + " parameters ask for DAY partitions on column 'order_date'"
            + LOAD_REFUSED
            + "give timePartitioningField=placed and timePartitioningType=DAY, as the table has",
        "HOUR:placed|--timePartitioningField=placed|parameter 'timePartitioningType': table"
            + " my-project:shop.orders is partitioned by HOUR on column 'placed', but the"
            + " parameters ask for DAY partitions on column 'placed'"
            + LOAD_REFUSED
            + "give timePartitioningField=placed and timePartitioningType=HOUR, as the table has",
        "DAY:ingestion|--timePartitioningField=placed|parameter 'timePartitioningField': table"
            + " my-project:shop.orders is partitioned by DAY of ingestion time, but the parameters"
            + " ask for DAY partitions on column 'placed'"
            + LOAD_REFUSED
            + "leave timePartitioningField out: the table partitions by load time",
        "plain|--outputTable=my-project:shop.orders$20240101|parameter 'outputTable':"
            + " my-project:shop.orders$20240101 names partition $20240101, but table"
            + " my-project:shop.orders is not partitioned; write to my-project:shop.orders without"
            + " the decorator",
        "DAY:ingestion|--outputTable=my-project:shop.orders$2024010109|parameter 'outputTable':"
            + " my-project:shop.orders$2024010109 names a HOUR partition, but table"
            + " my-project:shop.orders is partitioned by DAY of ingestion time; name a DAY"
            + " partition",
      })
  void refusesBeforeThePipelineIsBuiltWithOneLine(String existing, String args, String line)
      throws Exception {
    bigQueryWith(existing);
    GcsJsonToBigQuery.Options options = options(args);

    ParameterValidationException refused =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateLauncher.launch(new GcsJsonToBigQuery(), options));

    assertEquals(List.of(line), refused.problems());
    // Nothing ran: the pipeline would have created the dead-letter table.
    assertNull(datasets.getTable(BigQueryHelpers.parseTableSpec(TABLE + "_error_records")));
  }

  @ParameterizedTest(name = "[{index}] table {0}, {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "none|--timePartitioningField=PLACED --timePartitioningType=HOUR",
        "none|--timePartitioningField=local_time --timePartitioningType=HOUR",
        "none|--timePartitioningField=order_date --timePartitioningType=MONTH",
        "plain|--createDisposition=CREATE_NEVER",
        "DAY:placed|--timePartitioningField=placed",
        // No partitioning is sent: the table keeps its own.
        "DAY:placed|",
        "DAY:placed|--outputTable=my-project:shop.orders$20240101",
        "DAY:ingestion|--outputTable=my-project:shop.orders$20240101",
      })
  void acceptsParametersThatAgreeWithSchemaAndTable(String existing, String args) throws Exception {
    bigQueryWith(existing);
    GcsJsonToBigQuery.Options options = options(args == null ? "" : args);

    assertEquals(
        List.of(), new GcsJsonToBigQuery().preflight(options, Template.Reach.LAUNCH).problems());
  }

  @Test
  void reportsEachSchemaProblemOnItsOwnLine() throws Exception {
    bigQueryWith("none");
    GcsJsonToBigQuery.Options options =
        options("--timePartitioningField=customer --clusteringFields=weight");

    ParameterValidationException refused =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateLauncher.launch(new GcsJsonToBigQuery(), options));

    assertEquals(2, refused.problems().size(), refused.getMessage());
    assertEquals(
        "parameter 'timePartitioningField': column 'customer' is STRING" + PARTITION_RULE,
        refused.problems().get(0));
    assertEquals(
        "parameter 'clusteringFields': column 'weight' is FLOAT64",
        refused.problems().get(1).substring(0, refused.problems().get(1).indexOf(';')));
  }

  @Test
  void launchGoesOnWithOneWarningWhenTheTableCannotBeLookedUp() throws Exception {
    // Beam's in-process BigQuery, answering the lookup as BigQuery answers a launcher whose
    // service account may not read the dataset: whether the table exists is not known.
    bigQueryWith("none");
    datasets =
        new FakeDatasetService() {
          @Override
          public Table getTable(TableReference ref) throws IOException {
            throw new IOException(
                "403 Forbidden: Access Denied: Table my-project:shop.orders: Permission"
                    + " bigquery.tables.get denied");
          }
        };
    GcsJsonToBigQuery.Options options = options("--createDisposition=CREATE_NEVER");
    List<LogRecord> warnings = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            warnings.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger("io.bqflex.write.ExistingTable");
    logger.addHandler(capture);
    try {
      assertEquals(
          List.of(), new GcsJsonToBigQuery().preflight(options, Template.Reach.LAUNCH).problems());
    } finally {
      logger.removeHandler(capture);
    }

    assertEquals(1, warnings.size());
    assertEquals(Level.WARNING, warnings.get(0).getLevel());
    String warning = new SimpleFormatter().formatMessage(warnings.get(0));
    assertTrue(
        warning.startsWith("bqflex: could not look up the output table my-project:shop.orders ("),
        warning);
    assertTrue(
        warning.endsWith(
            "); whether it exists and how it is partitioned is not checked before the job starts"),
        warning);
  }

  @Test
  void templateMainExitsTwoPrintingTheLineAndStartsNothing() throws Exception {
    Process main =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GcsJsonToBigQuery.class.getName(),
                "--inputFilePattern=" + FIXTURES + "orders.json",
                "--JSONPath=" + FIXTURES + "schema.json",
                "--outputTable=" + TABLE,
                "--timePartitioningField=customer",
                "--project=my-project",
                "--tempLocation=" + tmp)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(main.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(2, main.waitFor(), err);
    assertEquals(
        List.of(
            "bqflex: cannot launch gcs-json-to-bigquery:",
            "parameter 'timePartitioningField': column 'customer' is STRING" + PARTITION_RULE),
        err.lines().toList());
  }
}
