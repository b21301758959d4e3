package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.Coder.Context;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * A load job refuses a JSON row over 100 MB, and with it the whole load:
 * https://cloud.google.com/bigquery/quotas#load_jobs ("Maximum row size: 100 MB" for JSON).
 */
class LoadJobRowLimitTest {

  private static SourceRecord record(String payload) {
    return SourceRecord.fromFile(payload, "gs://my-bucket/events.json", 1);
  }

  @Test
  void realLimitIsTheDocumentedHundredMegabytesForJsonRows() {
    assertEquals(100_000_000L, LoadJobRowLimit.JSON_ROW_LIMIT_BYTES);
  }

  @Test
  void deadLettersAtWriteARowWhoseJsonLineIsOverTheLimitNamingTheLimit() {
    // Escaped quotes: the row's JSON line is larger than its payload.
    String value = "\"".repeat(300);
    String payload = "{\"note\":\"" + "\\\"".repeat(300) + "\"}";
    TableRow row = new TableRow().set("note", value);
    long line = LoadJobRowLimit.encodedSize(row);
    LoadJobRowLimit limit = new LoadJobRowLimit(line - 1);

    RecordException refused =
        assertThrows(RecordException.class, () -> limit.check(record(payload), row));

    assertEquals(Stage.WRITE, refused.stage());
    assertTrue(
        refused
            .getMessage()
            .contains("over BigQuery's row size limit for JSON load jobs (" + (line - 1)),
        refused.getMessage());
  }

  @Test
  void passesARowWhoseJsonLineIsExactlyTheLimit() throws RecordException {
    TableRow row = new TableRow().set("note", "x".repeat(300));
    LoadJobRowLimit limit = new LoadJobRowLimit(LoadJobRowLimit.encodedSize(row));

    limit.check(record("{\"note\":\"" + "x".repeat(300) + "\"}"), row);
  }

  @Test
  void leavesUnmeasuredARowWhosePayloadIsFarUnderTheLimit() throws RecordException {
    // A payload an eighth of the limit or less cannot make a line over it: the row (here made
    // huge on purpose) is not measured, which keeps the check off the hot path.
    TableRow row = new TableRow().set("note", "x".repeat(10_000));
    new LoadJobRowLimit(80).check(record("{\"n\":1}"), row);
  }

  @SuppressWarnings("deprecation") // Context.OUTER: how BigQueryIO's TableRowWriter encodes a line
  @Test
  void measuresTheLineAsBigQueryIoWritesItNewlineIncluded() throws Exception {
    TableRow row = new TableRow().set("name", "Zoë \u0001").set("tags", java.util.List.of("a"));
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    TableRowJsonCoder.of().encode(row, written, Context.OUTER);
    written.write("\n".getBytes(StandardCharsets.UTF_8));

    assertEquals(written.size(), LoadJobRowLimit.encodedSize(row));
  }

  @Test
  void onlyFileLoadsCheckTheLoadJobRowLimit() {
    BigQueryOutputOptions loads = PipelineOptionsFactory.as(BigQueryOutputOptions.class);
    BigQueryOutputOptions storageWrite =
        PipelineOptionsFactory.fromArgs("--useStorageWriteApi=true")
            .as(BigQueryOutputOptions.class);

    assertEquals(
        LoadJobRowLimit.JSON_ROW_LIMIT_BYTES,
        WriteSettings.of(loads, "outputTable", "my-project:shop.orders", null)
            .loadJobRowLimit()
            .limitBytes());
    assertNull(
        WriteSettings.of(storageWrite, "outputTable", "my-project:shop.orders", null)
            .loadJobRowLimit());
  }
}
