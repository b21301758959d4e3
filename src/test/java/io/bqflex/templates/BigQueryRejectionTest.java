package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.OutputRow;
import io.bqflex.core.OutputRowCoder;
import io.bqflex.core.RecordCounts;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.local.LocalBigQuery;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.write.WriteSettings;
import io.bqflex.write.WriteWithDeadLetters;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
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
 * A row that passed our checks but that BigQuery refuses at write time is a dead letter too, with a
 * reason that names BigQuery's limit when the row is too large.
 */
class BigQueryRejectionTest {
  private static final String FIXTURES = "src/test/resources/GcsJsonToBigQueryTest/";

  @TempDir Path dir;

  @Test
  void deadLettersRowsBigQueryRejectsOnTheStorageWriteApi() throws Exception {
    String table = "my-project:rejections.events";
    FakeDatasetService datasets = fakesRefusingEventB();
    TemplateRun.RunOnFakes run =
        TemplateRun.runToEnd(
            new GcsJsonToBigQuery(),
            storageWriteOptions(Path.of(FIXTURES + "mixed.json"), table),
            datasets);

    RecordCounts counts = run.counts();
    LocalBigQuery bigQuery = run.bigQuery();
    assertEquals(12, counts.read());
    assertEquals(1, counts.written(), "of the 2 valid rows, BigQuery refused one");
    assertEquals(11, counts.deadLettered());
    assertTrue(counts.balanced());
    List<TableRow> written = bigQuery.rows(table);
    assertEquals(1, written.size());
    TableRow rejected =
        bigQuery.rows(table + "_error_records").stream()
            .filter(r -> "WRITE".equals(r.get("stage")))
            .findFirst()
            .orElseThrow();
    assertTrue(String.valueOf(rejected.get("errormessage")).startsWith("BigQuery rejected"));
    assertTrue(String.valueOf(rejected.get("payloadstring")).contains("\"b\""));
  }

  /**
   * A row the Storage Write API refuses carries its record to the end: its dead letter holds the
   * original line, its file and line number, like a dead letter of any other stage, whether
   * BigQuery (the fake) or BigQueryIO itself (too large) refused it.
   */
  @Test
  void storageWriteApiDeadLetterHoldsTheOriginalLineAndWhereItCameFrom() throws Exception {
    String table = "my-project:rejections.local_times";
    Path schema = localTimesSchema();
    Path input = dir.resolve("events.json");
    String refusedLine = "{\"event_id\":\"b\",  \"local_time\":\"1969-12-31T23:59:59\"}";
    String tooLargeLine =
        "{\"event_id\":\"" + "x".repeat(10_000_001) + "\",\"local_time\":\"2001-02-03T04:05:06\"}";
    Files.writeString(
        input,
        "{\"event_id\":\"a\",\"local_time\":\"2024-05-06 07:08:09.123456\"}\n"
            + refusedLine
            + "\n"
            + tooLargeLine
            + "\n");
    FakeDatasetService datasets = fakesRefusingEventB();
    GcsJsonToBigQuery.Options options = storageWriteOptions(input, table);
    options.setJSONPath(schema.toString());

    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(new GcsJsonToBigQuery(), options, datasets);

    assertEquals(1, run.counts().written());
    Map<Long, TableRow> byLine = new TreeMap<>();
    for (TableRow deadLetter : run.bigQuery().rows(table + "_error_records")) {
      assertEquals("WRITE", deadLetter.get("stage"));
      assertEquals(input.toString(), deadLetter.get("source"));
      byLine.put(Long.parseLong(String.valueOf(deadLetter.get("recordnumber"))), deadLetter);
    }
    assertEquals(List.of(2L, 3L), List.copyOf(byLine.keySet()));
    // The line as it was, not the row rebuilt from what BigQueryIO sent (two spaces, no micros).
    assertEquals(refusedLine, byLine.get(2L).get("payloadstring"));
    assertEquals(
        tooLargeLine.substring(0, 1_000_000), String.valueOf(byLine.get(3L).get("payloadstring")));
  }

  /**
   * A typed file's row carries no payload, so a refused one is dead-lettered as BigQueryIO hands it
   * back, rebuilt from what it sent. On the Storage Write API rows reach BigQueryIO as Avro
   * records, where a DATETIME is a packed integer; the dead letter must still show the DATETIME as
   * text.
   */
  @Test
  void storageWriteApiDeadLetterOfATypedFileRowShowsADatetimeAsItsText() throws Exception {
    String table = "my-project:rejections.typed_local_times";
    Path schema = localTimesSchema();
    FakeDatasetService datasets = fakesRefusingEventB();
    GcsJsonToBigQuery.Options options = storageWriteOptions(dir.resolve("unread.json"), table);
    options.setJSONPath(schema.toString());
    TableRow refused = new TableRow();
    refused.getUnknownKeys().put("event_id", "b");
    refused.getUnknownKeys().put("local_time", "1969-12-31T23:59:59.000000");
    TableRow kept = new TableRow();
    kept.getUnknownKeys().put("event_id", "a");
    kept.getUnknownKeys().put("local_time", "2024-05-06T07:08:09.123456");
    LocalBigQuery bigQuery =
        writeDirectly(
            datasets,
            options,
            table,
            schema,
            WriteWithDeadLetters::ofTypedFileRows,
            OutputRow.fromTypedFile(kept, "events.avro", 1),
            OutputRow.fromTypedFile(refused, "events.avro", 2));

    assertEquals(1, bigQuery.rows(table).size());
    List<TableRow> deadLetters = bigQuery.rows(table + "_error_records");
    assertEquals(1, deadLetters.size());
    String payload = String.valueOf(deadLetters.get(0).get("payloadstring"));
    assertTrue(payload.contains("\"local_time\":\"1969-12-31T23:59:59"), payload);
  }

  /**
   * A Pub/Sub message whose row BigQuery refuses is dead-lettered with its payload, message id and
   * attributes, on both Storage Write API modes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"STORAGE_WRITE_API", "STORAGE_API_AT_LEAST_ONCE"})
  void storageWriteApiDeadLetterOfAMessageHoldsItsIdAndAttributes(String method) throws Exception {
    String table = "my-project:rejections.messages_" + method.length();
    Path schema = dir.resolve("schema.json");
    Files.writeString(schema, "[{\"name\":\"event_id\",\"type\":\"STRING\"}]");
    FakeDatasetService datasets = fakesRefusingEventB();
    GcsJsonToBigQuery.Options options = storageWriteOptions(dir.resolve("unread.json"), table);
    options.setJSONPath(schema.toString());
    options.setUseStorageWriteApiAtLeastOnce(method.equals("STORAGE_API_AT_LEAST_ONCE"));
    String subscription = "projects/my-project/subscriptions/events";
    byte[] refusedPayload = "{\"event_id\": \"b\"}".getBytes(StandardCharsets.UTF_8);
    LocalBigQuery bigQuery =
        writeDirectly(
            datasets,
            options,
            table,
            schema,
            WriteWithDeadLetters::new,
            OutputRow.of(
                new TableRow().set("event_id", "a"),
                SourceRecord.fromMessage(
                    "{\"event_id\":\"a\"}".getBytes(StandardCharsets.UTF_8),
                    subscription,
                    "m-1",
                    null,
                    1L)),
            OutputRow.of(
                new TableRow().set("event_id", "b"),
                SourceRecord.fromMessage(
                    refusedPayload, subscription, "m-2", Map.of("origin", "till-7"), 2L)));

    assertEquals(1, bigQuery.rows(table).size());
    List<TableRow> deadLetters = bigQuery.rows(table + "_error_records");
    assertEquals(1, deadLetters.size(), deadLetters::toString);
    TableRow deadLetter = deadLetters.get(0);
    assertEquals("WRITE", deadLetter.get("stage"));
    assertEquals("{\"event_id\": \"b\"}", deadLetter.get("payloadstring"));
    assertEquals("m-2", deadLetter.get("messageid"));
    assertEquals(subscription, deadLetter.get("source"));
    assertTrue(
        String.valueOf(deadLetter.get("attributes")).contains("till-7"),
        String.valueOf(deadLetter.get("attributes")));
  }

  /**
   * Writes {@code rows} with the writer {@code writerOf} makes, on {@code datasets}, to the end.
   */
  private static LocalBigQuery writeDirectly(
      FakeDatasetService datasets,
      GcsJsonToBigQuery.Options options,
      String table,
      Path schema,
      Function<WriteSettings, WriteWithDeadLetters> writerOf,
      OutputRow... rows)
      throws Exception {
    LocalBigQuery bigQuery =
        LocalBigQuery.installInto(options, new GcsJsonToBigQuery().outputTables(options), datasets);
    Pipeline pipeline = Pipeline.create(options);
    PCollectionTuple.of(
            Records.ROWS,
            pipeline.apply("Rows", Create.of(List.of(rows)).withCoder(OutputRowCoder.of())))
        .and(Records.FAILURES, pipeline.apply("Failures", Create.empty(FailedRecordCoder.of())))
        .apply(
            writerOf.apply(
                WriteSettings.of(
                    options,
                    "outputTable",
                    table,
                    BigQuerySchemas.toJson(
                        BigQuerySchemas.parse(Files.readString(schema), "schema.json")))));
    pipeline.run().waitUntilFinish();
    return bigQuery;
  }

  /**
   * BigQueryIO refuses a row whose append request reaches 10,000,000 bytes; BigQuery's own limit is
   * 10 MB per AppendRows request: https://cloud.google.com/bigquery/quotas#write-api-limits
   */
  @Test
  void storageWriteApiDeadLetterOfARowOverTenMegabytesNamesTheAppendRequestLimit()
      throws Exception {
    String table = "my-project:shop.oversized_events";
    Path input = dir.resolve("events.json");
    String big = "x".repeat(10_000_001);
    Files.writeString(
        input,
        "{\"event_id\":\"small\",\"event_time\":\"2024-01-01T00:00:00Z\"}\n"
            + "{\"event_id\":\""
            + big
            + "\",\"event_time\":\"2024-01-01T00:00:00Z\"}\n",
        StandardCharsets.UTF_8);
    TemplateRun.RunOnFakes run =
        TemplateRun.runToEnd(
            new GcsJsonToBigQuery(), storageWriteOptions(input, table), freshFakes());

    RecordCounts counts = run.counts();
    LocalBigQuery bigQuery = run.bigQuery();
    assertEquals(1, counts.written());
    assertEquals(1, counts.deadLettered());
    TableRow deadLetter = bigQuery.rows(table + "_error_records").get(0);
    assertEquals("WRITE", deadLetter.get("stage"));
    assertTrue(
        String.valueOf(deadLetter.get("errormessage"))
            .startsWith(
                "the row's encoded size exceeds the Storage Write API's 10 MB append-request"
                    + " limit;"),
        String.valueOf(deadLetter.get("errormessage")));
    // The dead letter is written by the same API: it keeps a first part of the line, and says so.
    assertTrue(
        String.valueOf(deadLetter.get("errormessage"))
            .endsWith(
                "the dead letter keeps the payload's first 1,000,000 of 10,000,052 characters"),
        String.valueOf(deadLetter.get("errormessage")));
    assertTrue(String.valueOf(deadLetter.get("payloadstring")).contains("\"event_id\":\"xxx"));
  }

  /** The JSON template on the Storage Write API, reading {@code input} into {@code table}. */
  private GcsJsonToBigQuery.Options storageWriteOptions(Path input, String table) {
    GcsJsonToBigQuery.Options options =
        PipelineOptionsFactory.fromArgs(
                "--inputFilePattern=" + input,
                "--JSONPath=" + FIXTURES + "schema.json",
                "--outputTable=" + table,
                "--useStorageWriteApi=true",
                "--project=my-project",
                "--tempLocation=" + dir)
            .as(GcsJsonToBigQuery.Options.class);
    options.setRunner(DirectRunner.class);
    options.as(GcpOptions.class).setCredentialFactoryClass(NoopCredentialFactory.class);
    return options;
  }

  /** Fresh fakes whose dataset service refuses the row of event "b". */
  private static FakeDatasetService fakesRefusingEventB() {
    FakeDatasetService datasets = freshFakes();
    datasets.setShouldFailRow(
        (Function<TableRow, Boolean> & Serializable) row -> "b".equals(row.get("event_id")));
    return datasets;
  }

  /** A schema file of a DATETIME local_time and a STRING event_id. */
  private Path localTimesSchema() throws IOException {
    Path schema = dir.resolve("schema.json");
    Files.writeString(
        schema,
        "[{\"name\":\"local_time\",\"type\":\"DATETIME\"},"
            + "{\"name\":\"event_id\",\"type\":\"STRING\"}]");
    return schema;
  }

  private static FakeDatasetService freshFakes() {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    return new FakeDatasetService();
  }
}
