package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
  void deadLettersATypedRowOverTheLimitThoughItHasNoPayloadText() {
    // A row converted from an Avro or Parquet record: no payload text bounds its line.
    TableRow row =
        new TableRow()
            .set("note", "\u0001".repeat(100))
            .set("tags", List.of("a", "b"))
            .set("n", "42");
    long line = LoadJobRowLimit.encodedSize(row);

    RecordException refused =
        assertThrows(RecordException.class, () -> new LoadJobRowLimit(line - 1).check(row));

    assertEquals(Stage.WRITE, refused.stage());
    assertDoesNotThrow(() -> new LoadJobRowLimit(line).check(row));
  }

  /**
   * The bound that spares most typed rows a measurement must never be under the line: rows of every
   * value kind the converters produce, with the characters JSON escapes longest.
   */
  @Test
  void rowWalkBoundIsNeverUnderTheMeasuredLine() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      TableRow row = randomRow(random, 0);
      long line = LoadJobRowLimit.encodedSize(row);
      long bound = RowJsonSize.upperBound(row);
      assertTrue(
          bound >= line, "seed " + seed + ": bound " + bound + " < line " + line + " of " + row);
    }
  }

  private static TableRow randomRow(Random random, int depth) {
    TableRow row = new TableRow();
    int columns = random.nextInt(6);
    for (int c = 0; c < columns; c++) {
      row.set(randomText(random, 1 + random.nextInt(8)), randomValue(random, depth));
    }
    return row;
  }

  private static Object randomValue(Random random, int depth) {
    switch (random.nextInt(depth < 2 ? 8 : 6)) {
      case 0:
        return null;
      case 1:
        return random.nextBoolean();
      case 2:
        return random.nextBoolean() ? Long.MIN_VALUE + random.nextInt(3) : random.nextLong();
      case 3:
        return random.nextBoolean() ? -Double.MAX_VALUE : -random.nextDouble() * 1e-300;
      case 4:
      case 5:
        return randomText(random, random.nextInt(40));
      case 6:
        List<Object> list = new ArrayList<>();
        for (int e = random.nextInt(4); e > 0; e--) {
          list.add(randomValue(random, depth + 1));
        }
        return list;
      default:
        return randomRow(random, depth + 1);
    }
  }

  /** Text with control characters, quotes, backslashes, non-ASCII and surrogate pairs. */
  private static String randomText(Random random, int length) {
    String alphabet = "a\u0001\u001f\"\\\u00e9\u20ac\ud83d\ude00";
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      int at = random.nextInt(alphabet.length() - 1);
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        text.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        text.append(c);
      }
    }
    return text.toString();
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
