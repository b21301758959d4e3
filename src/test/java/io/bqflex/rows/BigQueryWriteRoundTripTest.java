package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the canonical forms: rows with every type, converted by {@link JsonRowConverter} and
 * written by BigQueryIO through FILE_LOADS and through the Storage Write API (Beam's in-process
 * fakes), read back as the values the converter produced.
 *
 * <p>The two paths hand back different Java shapes for the same value (a Double or its text, a
 * TIMESTAMP in two layouts, JSON as a value or as text), so both sides are compared through {@link
 * #valueOf}, which reads each shape as the BigQuery value it denotes.
 */
class BigQueryWriteRoundTripTest {
  private static final String PROJECT = "test-project";
  private static final String DATASET = "rows";

  @TempDir Path temp;

  private TableSchema schema;
  private List<String> lines;

  @BeforeEach
  void setUp() throws Exception {
    schema = BigQuerySchemas.parse(fixture("schema.json"), "schema.json");
    lines = fixture("rows.jsonl").lines().toList();
    FakeDatasetService.setUp();
    new FakeDatasetService().createDataset(PROJECT, DATASET, "", "", null);
  }

  @Test
  void fileLoadsReadBackEveryTypeAsConverted() throws Exception {
    assertReadBackAsConverted(Method.FILE_LOADS, "all_types_file_loads");
  }

  @Test
  void storageWriteApiReadsBackEveryTypeAsConverted() throws Exception {
    assertReadBackAsConverted(Method.STORAGE_WRITE_API, "all_types_storage_write");
  }

  private void assertReadBackAsConverted(Method method, String table) throws Exception {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setTempLocation(temp.toString());
    // The DirectRunner normally clones every element through its coder between steps; on Dataflow
    // the conversion and BigQueryIO's own TableRow conversion are fused and see the same object.
    // Cloning turns a JSON column's JsonNode into a Map, whose toString() is not JSON.
    options.setEnforceEncodability(false);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(Create.of(lines))
        .apply(ParDo.of(new ConvertFn(new JsonRowConverter(schema, false))))
        .setCoder(TableRowJsonCoder.of())
        .apply(
            BigQueryIO.writeTableRows()
                .to(PROJECT + ":" + DATASET + "." + table)
                .withSchema(schema)
                .withMethod(method)
                .withTestServices(
                    new FakeBigQueryServices()
                        .withDatasetService(new FakeDatasetService())
                        .withJobService(new FakeJobService())));
    pipeline.run().waitUntilFinish();

    JsonRowConverter converter = new JsonRowConverter(schema, false);
    Map<String, Map<String, Object>> expected = new HashMap<>();
    for (String line : lines) {
      TableRow row = converter.convert(line);
      expected.put(
          (String) row.get("s"), BigQueryValuesByMeaning.valuesOf(schema.getFields(), row, false));
    }
    Map<String, Map<String, Object>> actual = new HashMap<>();
    boolean jsonAsText = method != Method.FILE_LOADS;
    for (TableRow row : new FakeDatasetService().getAllRows(PROJECT, DATASET, table)) {
      actual.put(
          (String) row.get("s"),
          BigQueryValuesByMeaning.valuesOf(schema.getFields(), row, jsonAsText));
    }
    assertEquals(expected, actual);
  }

  /** What a template's conversion step does, minus the dead-letter side. */
  static class ConvertFn extends DoFn<String, TableRow> {
    private final JsonRowConverter converter;

    ConvertFn(JsonRowConverter converter) {
      this.converter = converter;
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<TableRow> out) throws RecordException {
      out.output(converter.convert(line));
    }
  }

  private static String fixture(String name) throws IOException {
    return Files.readString(
        Path.of("src/test/resources/BigQueryWriteRoundTripTest", name), StandardCharsets.UTF_8);
  }
}
