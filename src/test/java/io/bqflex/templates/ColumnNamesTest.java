package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.OutputRow;
import io.bqflex.core.OutputRowCoder;
import io.bqflex.core.Records;
import io.bqflex.local.LocalBigQuery;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.write.BigQueryServicesOverride;
import io.bqflex.write.WriteSettings;
import io.bqflex.write.WriteWithDeadLetters;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every column name BigQuery allows reaches it intact on every write method: {@code f} (the name of
 * TableRow's own field), {@code F} inside a record, a name of 300 characters (the limit) and
 * flexible column names, from each documented character class: letters, marks, numbers, connectors,
 * dashes, spaces and the symbols {@code & % = + : ' < > # |}, and a leading digit.
 * https://cloud.google.com/bigquery/docs/schemas#flexible-column-names
 */
class ColumnNamesTest {
  private static final String FIXTURES = "src/test/resources/ColumnNamesTest/";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"useStorageWriteApi", "useStorageWriteApiAtLeastOnce"})
  void storageWriteApiWritesEveryAllowedNameIntact(String method) throws Exception {
    String table = "test-project:names.storage_" + method.toLowerCase();
    Map<String, String> p = parameters(table);
    p.put(method, "true");
    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), p, dir);

    assertEquals(2, run.result.counts().written(), run.console);
    assertEquals(0, run.result.counts().deadLettered(), run.console);
    assertRowsAsInInput(run.rows(table));
  }

  @Test
  void fileLoadsHandsBigQueryEveryAllowedNameIntact() throws Exception {
    Path loadFiles = dir.resolve("load");
    GcsJsonToBigQuery template = new GcsJsonToBigQuery();
    GcsJsonToBigQuery.Options options =
        options(
            "test-project:names.file_loads", "--bigQueryLoadingTemporaryDirectory=" + loadFiles);
    LocalBigQuery.installInto(options, template.outputTables(options));
    // Beam's fake load job reads the files back as TableRows, which cannot hold a column named f;
    // so every load job fails before it reads anything, and the files BigQueryIO wrote for
    // BigQuery stay where they are, to be read here.
    BigQueryServicesOverride.install(
        options,
        new FakeBigQueryServices()
            .withDatasetService(new FakeDatasetService())
            .withJobService(new FakeJobService(Integer.MAX_VALUE)));
    Pipeline pipeline = Pipeline.create(options);
    template.build(pipeline, options);
    assertThrows(RuntimeException.class, () -> pipeline.run().waitUntilFinish());

    List<JsonNode> loaded = new ArrayList<>();
    try (Stream<Path> files = Files.walk(loadFiles)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          JsonNode row = JSON.readTree(line);
          if (row.has("id")) {
            loaded.add(row);
          }
        }
      }
    }
    assertRowsAsInInput(loaded);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--useStorageWriteApi=true", "--useStorageWriteApiAtLeastOnce=true"})
  void rowBigQueryRefusesIsDeadLetteredWithItsColumnNames(String method) throws Exception {
    String table = "test-project:names.refused_" + method.length();
    GcsJsonToBigQuery template = new GcsJsonToBigQuery();
    GcsJsonToBigQuery.Options options = options(table, method);
    FakeDatasetService datasets = new FakeDatasetService();
    // Beam hands the fake the rows of this table as cells ({"f": [{"v": ...}]}), unlike those of
    // the dead-letter table: find the one to refuse by its value.
    datasets.setShouldFailRow(
        (Function<TableRow, Boolean> & Serializable)
            row -> row.get("f") instanceof List && row.toString().contains("second"));
    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(template, options, datasets);

    assertEquals(1, run.counts().written());
    assertEquals(1, run.counts().deadLettered());
    List<TableRow> deadLetters = run.bigQuery().rows(table + "_error_records");
    assertEquals(1, deadLetters.size());
    JsonNode refused = JSON.readTree(String.valueOf(deadLetters.get(0).get("payloadstring")));
    JsonNode input = inputRows().get("two");
    // The dead letter holds the original line and says where it came from.
    assertEquals(2L, Long.parseLong(String.valueOf(deadLetters.get(0).get("recordnumber"))));
    assertTrue(String.valueOf(deadLetters.get(0).get("source")).endsWith("rows.json"));
    assertEquals(-2.25, refused.get("f").asDouble());
    assertEquals(input.get("名前").asText(), refused.get("名前").asText());
    assertEquals(input.get("r").get("F").asText(), refused.get("r").get("F").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--useStorageWriteApi=true", "--useStorageWriteApiAtLeastOnce=true"})
  void rowBeamCannotConvertIsDeadLetteredWithItsColumnNames(String method) throws Exception {
    String table = "test-project:names.unconvertible_" + method.length();
    GcsJsonToBigQuery.Options options = options(table, method);
    LocalBigQuery bigQuery =
        LocalBigQuery.installInto(options, new GcsJsonToBigQuery().outputTables(options));
    // Not from our converter (it would have dead-lettered it): a FLOAT column f holding text,
    // which Beam's Storage Write conversion refuses, handing the row back through its coder. A
    // typed file's row carries no payload, so its dead letter is the row as BigQueryIO sent it.
    TableRow row = new TableRow();
    row.getUnknownKeys().put("id", "x");
    row.getUnknownKeys().put("f", "not a number");
    Pipeline pipeline = Pipeline.create(options);
    PCollectionTuple.of(
            Records.ROWS,
            pipeline.apply(
                "Rows",
                Create.of(List.of(OutputRow.fromTypedFile(row, "rows.avro", 1)))
                    .withCoder(OutputRowCoder.of())))
        .and(Records.FAILURES, pipeline.apply("Failures", Create.empty(FailedRecordCoder.of())))
        .apply(
            WriteWithDeadLetters.ofTypedFileRows(
                WriteSettings.of(
                    options,
                    "outputTable",
                    table,
                    BigQuerySchemas.toJson(
                        BigQuerySchemas.parse(
                            Files.readString(Path.of(FIXTURES, "schema.json")), "schema.json")))));
    pipeline.run().waitUntilFinish();

    List<TableRow> deadLetters = bigQuery.rows(table + "_error_records");
    assertEquals(1, deadLetters.size());
    JsonNode refused = JSON.readTree(String.valueOf(deadLetters.get(0).get("payloadstring")));
    assertEquals("x", refused.get("id").asText());
    assertEquals("not a number", refused.get("f").asText());
  }

  private Map<String, String> parameters(String table) {
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", FIXTURES + "rows.json");
    p.put("JSONPath", FIXTURES + "schema.json");
    p.put("outputTable", table);
    return p;
  }

  private GcsJsonToBigQuery.Options options(String table, String... more) throws IOException {
    List<String> args = new ArrayList<>();
    parameters(table).forEach((name, value) -> args.add("--" + name + "=" + value));
    args.add("--project=test-project");
    args.add("--tempLocation=" + dir.resolve("tmp"));
    args.addAll(List.of(more));
    GcsJsonToBigQuery.Options options =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
            .as(GcsJsonToBigQuery.Options.class);
    options.setRunner(DirectRunner.class);
    options.as(GcpOptions.class).setCredentialFactoryClass(NoopCredentialFactory.class);
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    return options;
  }

  private static Map<String, JsonNode> inputRows() throws IOException {
    Map<String, JsonNode> rows = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(FIXTURES, "rows.json"))) {
      JsonNode row = JSON.readTree(line);
      rows.put(row.get("id").asText(), row);
    }
    return rows;
  }

  /** The rows hold exactly the input's column names, each with its value. */
  private static void assertRowsAsInInput(List<JsonNode> rows) throws IOException {
    Map<String, JsonNode> input = inputRows();
    assertEquals(input.size(), rows.size(), rows.toString());
    for (JsonNode row : rows) {
      JsonNode expected = input.get(row.get("id").asText());
      assertSameColumns(expected, row, row.get("id").asText());
    }
  }

  private static void assertSameColumns(JsonNode expected, JsonNode actual, String where)
      throws IOException {
    if (expected.isObject() && actual.isTextual()) {
      // A JSON column: the Storage Write API fake gives it back as its text.
      assertEquals(expected, JSON.readTree(actual.asText()), where);
    } else if (expected.isObject()) {
      List<String> expectedNames = new ArrayList<>();
      expected.fieldNames().forEachRemaining(expectedNames::add);
      List<String> actualNames = new ArrayList<>();
      for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        // An empty REPEATED field and an absent one are the same BigQuery value.
        if (!(actual.get(name).isArray() && actual.get(name).isEmpty())) {
          actualNames.add(name);
        }
      }
      assertEquals(
          expectedNames.stream().sorted().toList(), actualNames.stream().sorted().toList(), where);
      for (String name : expectedNames) {
        assertSameColumns(expected.get(name), actual.get(name), where + "." + name);
      }
    } else if (expected.isArray()) {
      assertTrue(actual.isArray(), where);
      assertEquals(expected.size(), actual.size(), where);
      for (int i = 0; i < expected.size(); i++) {
        assertSameColumns(expected.get(i), actual.get(i), where + "[" + i + "]");
      }
    } else if (expected.isNumber()) {
      // The Storage Write API fake gives numbers back as text.
      assertEquals(expected.asDouble(), Double.parseDouble(actual.asText()), where);
    } else {
      assertEquals(expected.asText(), actual.asText(), where);
    }
  }
}
