package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Makes a dead-letter row fit a load job's row size limit. A dead-letter row carries its record
 * twice, as payloadString and as payloadBytes in base64, so a record over about 43 MB makes a row
 * over BigQuery's 100 MB limit for JSON rows (https://cloud.google.com/bigquery/quotas#load_jobs),
 * and that row would fail the dead-letter table's whole load job. The original bytes matter most:
 * payloadString is cut first; only when the bytes alone cannot fit are they cut too. Either cut is
 * said in the row's errorMessage.
 */
final class DeadLetterRowFit implements Serializable {
  /** Room for the row's columns other than the payload and for JSON's punctuation. */
  private static final long OTHER_COLUMNS = 64 * 1024;

  /** JSON may write a character as six bytes ({@code \u0001}). */
  private static final long MAX_BYTES_PER_CHAR = 6;

  private final long limitBytes;

  /**
   * @param limitBytes the largest row line, newline included, the dead-letter table's load job
   *     takes
   */
  DeadLetterRowFit(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  /** The dead-letter row of {@code failure}, cut to fit the limit when it would not. */
  TableRow toRow(FailedRecord failure) {
    TableRow row = DeadLetterTable.toRow(failure);
    if (cannotExceed(failure) || RowJsonSize.lineBytes(row) <= limitBytes) {
      return row;
    }
    String text = (String) row.get("payloadString");
    String reason = failure.errorMessage() == null ? "" : failure.errorMessage();
    TableRow cut = withTextCut(row, text, reason);
    if (cut != null) {
      return cut;
    }
    return withBytesCut(row, failure.payloadBytes(), reason);
  }

  /** A row that keeps every original byte and as much of the text as fits; null if none fits. */
  private TableRow withTextCut(TableRow row, String text, String reason) {
    int kept = text.length();
    while (true) {
      row.set("payloadString", text.substring(0, kept));
      row.set(
          "errorMessage",
          reason
              + String.format(
                  " [the dead letter's payloadString keeps the first %,d of %,d characters, to fit"
                      + " BigQuery's %,d-byte row limit for load jobs; payloadBytes keeps every"
                      + " original byte]",
                  kept, text.length(), limitBytes));
      long over = RowJsonSize.lineBytes(row) - limitBytes;
      if (over <= 0) {
        return row;
      }
      if (kept == 0) {
        return null;
      }
      // Each character is at least one byte: cutting `over` of them is enough or close to it.
      kept = (int) Math.max(0, kept - over);
      if (kept > 0 && Character.isHighSurrogate(text.charAt(kept - 1))) {
        kept--;
      }
    }
  }

  /** A row without payloadString and with as many of the original bytes as fit. */
  private TableRow withBytesCut(TableRow row, byte[] bytes, String reason) {
    row.set("payloadString", "");
    int kept = bytes == null ? 0 : bytes.length;
    while (true) {
      if (bytes != null) {
        row.set("payloadBytes", Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, kept)));
      }
      row.set(
          "errorMessage",
          reason
              + String.format(
                  " [the record is too large for a dead letter: payloadString is left out and"
                      + " payloadBytes keeps the first %,d of %,d original bytes, to fit"
                      + " BigQuery's %,d-byte row limit for load jobs]",
                  kept, bytes == null ? 0 : bytes.length, limitBytes));
      long over = RowJsonSize.lineBytes(row) - limitBytes;
      if (over <= 0 || kept == 0) {
        // At 0 kept bytes what is left over is the other columns: nothing more to cut.
        return row;
      }
      // Base64 writes 3 bytes as 4 characters.
      kept = (int) Math.max(0, kept - Math.max(3, (over * 3 + 3) / 4));
    }
  }

  /** Whether the row cannot be over the limit whatever its characters, so need not be measured. */
  private boolean cannotExceed(FailedRecord failure) {
    long chars =
        length(failure.payloadString())
            + length(failure.errorMessage())
            + length(failure.stacktrace())
            + length(failure.source())
            + length(failure.messageId());
    Map<String, String> attributes = failure.attributes();
    if (attributes != null) {
      for (Map.Entry<String, String> a : attributes.entrySet()) {
        chars += length(a.getKey()) + length(a.getValue());
      }
    }
    long bytes = failure.payloadBytes() == null ? 0 : failure.payloadBytes().length;
    if (failure.payloadString() == null) {
      chars += bytes;
    }
    return chars * MAX_BYTES_PER_CHAR + (bytes + 2) / 3 * 4 + OTHER_COLUMNS <= limitBytes;
  }

  private static long length(String s) {
    return s == null ? 0 : s.length();
  }
}
