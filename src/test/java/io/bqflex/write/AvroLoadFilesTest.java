package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.Job;
import com.google.api.services.bigquery.model.JobConfigurationLoad;
import com.google.api.services.bigquery.model.JobReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.OutputRow;
import io.bqflex.core.OutputRowCoder;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.BigQueryValuesByMeaning;
import io.bqflex.rows.JsonRowConverter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On FILE_LOADS, {@link WriteWithDeadLetters} loads a table Avro can carry from Avro temporary
 * files ({@link BigQueryAvroSchemas#forLoadFiles}, logical types on), and the table reads back, by
 * meaning, the values our converter produced; the dead-letter table and tables Avro cannot carry
 * keep JSON files.
 *
 * <p>Beam's fake load job rebuilds Avro rows with BigQuery's Avro export forms (a TIMESTAMP as
 * {@code 2024-02-29 12:34:56.123456 UTC}, a NUMERIC at scale 9, a JSON column as its text), so both
 * sides are read through {@link #valueOf} as the BigQuery value each denotes. The fake checks none
 * of BigQuery's rules: the Avro types per column are pinned by {@link BigQueryAvroSchemasTest}
 * against BigQuery's Avro loading page.
 */
class AvroLoadFilesTest {
  private static final String PROJECT = "test-project";
  private static final String DATASET = "avro_loads";

  @TempDir Path temp;

  @BeforeEach
  void setUp() throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    CapturingJobService.FILE_SCHEMAS.clear();
    new FakeDatasetService().createDataset(PROJECT, DATASET, "", "", null);
  }

  @Test
  void loadsEveryAvroTypeFromAvroFilesAndReadsBackTheConvertedValues() throws Exception {
    String schemaJson = fixture("schema.json");
    TableSchema schema = BigQuerySchemas.parse(schemaJson, "schema.json");
    List<String> lines = fixture("rows.jsonl").lines().toList();
    String table = PROJECT + ":" + DATASET + ".every_type";

    WriteSettings settings = run(table, schemaJson, lines, true);

    JobConfigurationLoad load = loadOf(table);
    assertEquals("AVRO", load.getSourceFormat());
    assertTrue(load.getUseAvroLogicalTypes());
    assertEquals(
        List.of(BigQueryAvroSchemas.forLoadFiles(schema)),
        CapturingJobService.FILE_SCHEMAS.stream().distinct().toList());
    // The dead-letter table stays TableRows, loaded from JSON files.
    assertEquals("NEWLINE_DELIMITED_JSON", loadOf(settings.deadLetterTable()).getSourceFormat());
    assertEquals(1, rowsOf(settings.deadLetterTable()).size());

    JsonRowConverter converter = new JsonRowConverter(schema, false);
    Map<String, Map<String, Object>> expected = new HashMap<>();
    for (String line : lines) {
      TableRow row = converter.convert(line);
      expected.put(
          String.valueOf(row.get("id")),
          BigQueryValuesByMeaning.valuesOf(schema.getFields(), row, false));
    }
    Map<String, Map<String, Object>> actual = new HashMap<>();
    for (TableRow row : rowsOf(table)) {
      actual.put(
          String.valueOf(row.get("id")),
          BigQueryValuesByMeaning.valuesOf(schema.getFields(), row, true));
    }
    assertEquals(expected, actual);
  }

  @Test
  void bigNumericTablesKeepJsonFiles() throws Exception {
    String schemaJson =
        "{\"fields\":[{\"name\":\"id\",\"type\":\"INT64\"},{\"name\":\"r\",\"type\":\"RECORD\","
            + "\"fields\":[{\"name\":\"amount\",\"type\":\"BIGNUMERIC\"}]}]}";
    String table = PROJECT + ":" + DATASET + ".big_numeric";

    run(table, schemaJson, List.of("{\"id\":1,\"r\":{\"amount\":\"1.5\"}}"), false);

    assertEquals("NEWLINE_DELIMITED_JSON", loadOf(table).getSourceFormat());
    assertEquals(List.of(), CapturingJobService.FILE_SCHEMAS);
    assertEquals(1, rowsOf(table).size());
  }

  @Test
  void tablesAvroCannotCarryKeepJsonFiles() {
    assertTrue(loadsAvro("[{\"name\":\"id\",\"type\":\"INT64\"}]"));
    assertFalse(loadsAvro("[{\"name\":\"order-id\",\"type\":\"INT64\"}]"));
    assertFalse(
        loadsAvro(
            "[{\"name\":\"r\",\"type\":\"RANGE\",\"rangeElementType\":{\"type\":\"DATE\"}}]"));
    assertFalse(loadsAvro("[{\"name\":\"i\",\"type\":\"INTERVAL\"}]"));
    assertFalse(
        loadsAvro("[{\"name\":\"ts\",\"type\":\"TIMESTAMP\",\"timestampPrecision\":\"12\"}]"));
    assertFalse(loadsAvro("[{\"name\":\"b\",\"type\":\"BIGNUMERIC\"}]"));
  }

  @Test
  void storageWriteApiLoadsNoFiles() {
    String schemaJson = "[{\"name\":\"id\",\"type\":\"INT64\"}]";
    WriteSettings settings = settings("p:d.t", schemaJson, "--useStorageWriteApi=true");
    assertFalse(
        OutputRowFormat.loadsAvroFiles(settings, BigQuerySchemas.parse(schemaJson, "schema")));
  }

  private static boolean loadsAvro(String schemaJson) {
    WriteSettings settings = settings("p:d.t", schemaJson);
    return OutputRowFormat.loadsAvroFiles(settings, BigQuerySchemas.parse(schemaJson, "schema"));
  }

  private static WriteSettings settings(String table, String schemaJson, String... args) {
    BigQueryOutputOptions options =
        PipelineOptionsFactory.fromArgs(args).as(BigQueryOutputOptions.class);
    return WriteSettings.of(options, "outputTable", table, schemaJson);
  }

  /**
   * Writes {@code lines}, converted, to {@code table} with {@link WriteWithDeadLetters} on
   * FILE_LOADS; with one failure to dead-letter when {@code withFailure}.
   */
  private WriteSettings run(
      String table, String schemaJson, List<String> lines, boolean withFailure) throws Exception {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setTempLocation(temp.toString());
    WriteSettings settings = settings(table, schemaJson);
    assertEquals(
        org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method.FILE_LOADS, settings.method());
    BigQueryServicesOverride.install(
        options,
        new FakeBigQueryServices()
            .withDatasetService(new FakeDatasetService())
            .withJobService(new CapturingJobService()));
    Pipeline pipeline = Pipeline.create(options);
    PCollection<OutputRow> rows =
        pipeline
            .apply("Lines", Create.of(lines))
            .apply(ParDo.of(new ConvertFn(BigQuerySchemas.parse(schemaJson, "schema"))))
            .setCoder(OutputRowCoder.of());
    List<FailedRecord> failures = new ArrayList<>();
    if (withFailure) {
      failures.add(
          new FailedRecord(
              0L, "not json", null, Stage.PARSE, "refused", null, "gs://b/f.json", 7, null, null));
    }
    PCollection<FailedRecord> failed =
        pipeline.apply("Failures", Create.of(failures).withCoder(FailedRecordCoder.of()));
    PCollectionTuple.of(Records.ROWS, rows)
        .and(Records.FAILURES, failed)
        .apply(new WriteWithDeadLetters(settings));
    pipeline.run().waitUntilFinish();
    return settings;
  }

  private static JobConfigurationLoad loadOf(String table) {
    String tableId = table.substring(table.indexOf('.') + 1);
    List<JobConfigurationLoad> loads = new ArrayList<>();
    for (Job job : new FakeJobService().getAllJobs()) {
      JobConfigurationLoad load = job.getConfiguration().getLoad();
      if (load != null && load.getDestinationTable().getTableId().equals(tableId)) {
        loads.add(load);
      }
    }
    assertEquals(1, loads.size(), "load jobs of " + table);
    return loads.get(0);
  }

  private static List<TableRow> rowsOf(String table) throws Exception {
    String tableId = table.substring(table.indexOf('.') + 1);
    return new FakeDatasetService().getAllRows(PROJECT, DATASET, tableId);
  }

  private static String fixture(String name) throws IOException {
    return Files.readString(
        Path.of("src/test/resources/AvroLoadFilesTest", name), StandardCharsets.UTF_8);
  }

  /** What a template's conversion step does, minus the dead-letter side. */
  static class ConvertFn extends DoFn<String, OutputRow> {
    private final JsonRowConverter converter;

    ConvertFn(TableSchema schema) {
      this.converter = new JsonRowConverter(schema, false);
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<OutputRow> out) throws Exception {
      out.output(
          OutputRow.of(converter.convert(line), SourceRecord.fromFile(line, "rows.json", 1)));
    }
  }

  /** Beam's fake load job service, keeping the Avro schema of each file a load job is given. */
  static final class CapturingJobService extends FakeJobService {
    static final List<Schema> FILE_SCHEMAS = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void startLoadJob(JobReference jobRef, JobConfigurationLoad loadConfig)
        throws IOException {
      if ("AVRO".equals(loadConfig.getSourceFormat())) {
        for (String uri : loadConfig.getSourceUris()) {
          try (DataFileReader<GenericRecord> file =
              new DataFileReader<>(new File(uri), new GenericDatumReader<>())) {
            FILE_SCHEMAS.add(file.getSchema());
          }
        }
      }
      super.startLoadJob(jobRef, loadConfig);
    }
  }
}
