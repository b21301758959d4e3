package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.Stage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder.Context;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.junit.jupiter.api.Test;

/**
 * A dead-letter row on FILE_LOADS must fit the load job's row limit, "Maximum row size: 100 MB" for
 * JSON (https://cloud.google.com/bigquery/quotas#load_jobs), or the dead-letter table's whole load
 * fails. The limit is made small here; the rows are measured as BigQueryIO writes them.
 */
class DeadLetterRowFitTest {
  private static final String REASON = "JSON parse error at line 1, column 7";

  private static FailedRecord failure(String payload) {
    return new FailedRecord(
        1_764_662_400_000L,
        payload,
        payload.getBytes(StandardCharsets.UTF_8),
        Stage.PARSE,
        REASON,
        null,
        "gs://my-bucket/events/2026-12-02.json",
        7,
        null,
        null);
  }

  /** The row's line in BigQueryIO's temporary file, newline included. */
  @SuppressWarnings("deprecation") // Context.OUTER: how BigQueryIO's TableRowWriter encodes a line
  private static long lineBytes(TableRow row) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableRowJsonCoder.of().encode(row, out, Context.OUTER);
    return out.size() + 1L;
  }

  private static byte[] payloadBytes(TableRow row) {
    return Base64.getDecoder().decode((String) row.get("payloadBytes"));
  }

  @Test
  void leavesARowThatFitsAsItIs() {
    FailedRecord small = failure("{\"id\": 1, \"note\": ");

    assertEquals(DeadLetterTable.toRow(small), new DeadLetterRowFit(100_000_000L).toRow(small));
  }

  @Test
  void cutsPayloadStringFirstAndKeepsEveryOriginalByte() throws Exception {
    String payload = "{\"note\": \"" + "Zoë ".repeat(1_000);
    FailedRecord big = failure(payload);
    long limit = lineBytes(DeadLetterTable.toRow(big)) - 1_000;

    TableRow row = new DeadLetterRowFit(limit).toRow(big);

    assertTrue(lineBytes(row) <= limit, lineBytes(row) + " > " + limit);
    assertArrayEquals(payload.getBytes(StandardCharsets.UTF_8), payloadBytes(row));
    String kept = (String) row.get("payloadString");
    assertTrue(payload.startsWith(kept) && kept.length() < payload.length());
    String message = (String) row.get("errorMessage");
    assertTrue(message.startsWith(REASON), message);
    assertTrue(
        message.contains(
            "payloadString keeps the first "
                + String.format("%,d of %,d characters", kept.length(), payload.length())),
        message);
    assertTrue(message.contains("payloadBytes keeps every original byte"), message);
  }

  @Test
  void cutsTheBytesTooWhenTheyAloneDoNotFitAndSaysSo() throws Exception {
    String payload = "x".repeat(30_000);
    FailedRecord huge = failure(payload);
    long limit = 20_000;

    TableRow row = new DeadLetterRowFit(limit).toRow(huge);

    assertTrue(lineBytes(row) <= limit, lineBytes(row) + " > " + limit);
    assertEquals("", row.get("payloadString"));
    byte[] kept = payloadBytes(row);
    byte[] original = payload.getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(Arrays.copyOf(original, kept.length), kept);
    assertTrue(kept.length > 10_000, "keeps what fits, not a token: " + kept.length);
    String message = (String) row.get("errorMessage");
    assertTrue(
        message.contains(
            String.format(
                "payloadString is left out and payloadBytes keeps the first %,d of %,d original"
                    + " bytes",
                kept.length, original.length)),
        message);
  }

  @Test
  void everyCutRowFitsWhateverItsCharacters() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String[] pieces = {"a", "\"", "\\", "\n", "\u0001", "é", "東", "😀", "</p>"};
    for (int i = 0; i < 40; i++) {
      StringBuilder payload = new StringBuilder();
      int length = 1 + random.nextInt(5_000);
      while (payload.length() < length) {
        payload.append(pieces[random.nextInt(pieces.length)]);
      }
      FailedRecord failure = failure(payload.toString());
      long full = lineBytes(DeadLetterTable.toRow(failure));
      long limit = 1_000 + (long) (random.nextDouble() * full);

      TableRow row = new DeadLetterRowFit(limit).toRow(failure);

      String where = "seed " + seed + ", case " + i;
      assertTrue(lineBytes(row) <= limit, where + ": " + lineBytes(row) + " > " + limit);
      String kept = (String) row.get("payloadString");
      assertTrue(payload.toString().startsWith(kept), where);
      assertTrue(
          kept.isEmpty() || !Character.isHighSurrogate(kept.charAt(kept.length() - 1)), where);
      byte[] bytes = payloadBytes(row);
      byte[] original = payload.toString().getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(Arrays.copyOf(original, bytes.length), bytes, where);
    }
  }
}
