package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.TableRowCoder;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.JsonPayloadFormat;
import io.bqflex.rows.JsonRowConverter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BigQueryIO wired with {@link TableRowToAvro} and {@link BigQueryAvroSchemas#forStorageWrite}
 * writes, through Beam's in-process Storage Write API fake, the rows its TableRow path writes. (The
 * fake checks none of BigQuery's rules; the byte-equal protos of {@link TableRowToAvroTest} are the
 * proof of values. This pins the wiring.)
 */
class TableRowToAvroPipelineTest {
  private static final String PROJECT = "test-project";
  private static final String DATASET = "avro_rows";

  @TempDir Path temp;

  @Test
  void storageWriteApiStoresTheSameRowsFromAvroAsFromTableRows() throws Exception {
    FakeDatasetService.setUp();
    new FakeDatasetService().createDataset(PROJECT, DATASET, "", "", null);
    Path fixtures = Path.of("src/test/resources/TableRowToAvroTest");
    TableSchema schema =
        BigQuerySchemas.parse(
            Files.readString(fixtures.resolve("schema.json"), StandardCharsets.UTF_8),
            "schema.json");
    List<String> lines =
        Files.readString(fixtures.resolve("rows.jsonl"), StandardCharsets.UTF_8).lines().toList();

    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setTempLocation(temp.toString());
    Pipeline pipeline = Pipeline.create(options);
    PCollection<TableRow> rows =
        pipeline
            .apply(Create.of(lines))
            .apply(ParDo.of(new ConvertFn(schema)))
            .setCoder(TableRowCoder.of());
    // The TableRow path as WriteWithDeadLetters runs it: JSON columns as text first.
    rows.apply(
            "JsonAsText",
            MapElements.into(TypeDescriptor.of(TableRow.class))
                .via(JsonColumnsAsText.forSchema(BigQuerySchemas.toJson(schema))))
        .setCoder(TableRowCoder.of())
        .apply(
            "AsTableRows",
            BigQueryIO.writeTableRows()
                .to(PROJECT + ":" + DATASET + ".from_table_rows")
                .withSchema(schema)
                .withMethod(Method.STORAGE_WRITE_API)
                .withTestServices(services()));
    rows.apply(
        "AsAvro",
        BigQueryIO.<TableRow>write()
            .to(PROJECT + ":" + DATASET + ".from_avro")
            .withSchema(schema)
            .withAvroFormatFunction(new TableRowToAvro())
            .withAvroSchemaFactory(BigQueryAvroSchemas::forStorageWrite)
            .withMethod(Method.STORAGE_WRITE_API)
            .withTestServices(services()));
    pipeline.run().waitUntilFinish();

    assertEquals(stored("from_table_rows"), stored("from_avro"));
  }

  private static FakeBigQueryServices services() {
    return new FakeBigQueryServices()
        .withDatasetService(new FakeDatasetService())
        .withJobService(new FakeJobService());
  }

  /**
   * The stored rows, each as its text, sorted: the fake's TableRows print their values (a row with
   * a column named f comes back as cells, the same way from both tables).
   */
  private static List<String> stored(String table) throws Exception {
    List<String> texts = new ArrayList<>();
    for (TableRow row : new FakeDatasetService().getAllRows(PROJECT, DATASET, table)) {
      texts.add(row.toString());
    }
    Collections.sort(texts);
    return texts;
  }

  /** What a template's conversion step does, minus the dead-letter side. */
  static class ConvertFn extends DoFn<String, TableRow> {
    private final JsonPayloadFormat format;

    ConvertFn(TableSchema schema) {
      this.format = new JsonPayloadFormat(new JsonRowConverter(schema, false));
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<TableRow> out) throws Exception {
      out.output(format.toRow(line));
    }
  }
}
