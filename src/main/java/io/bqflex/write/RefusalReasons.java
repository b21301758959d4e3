package io.bqflex.write;

import io.bqflex.core.FailedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What a refusal's dead letter says, and how much of a too-large row's payload it keeps. */
final class RefusalReasons {
  /** How BigQueryIO's message for a row over its maximum request size begins. */
  private static final String PAYLOAD_TOO_LARGE = "Row payload too large";

  private static final String TOO_LARGE_REASON =
      "the row's encoded size exceeds the Storage Write API's 10 MB append-request limit;"
          + " BigQueryIO refused it: ";

  /**
   * What a too-large row's dead letter keeps of it: at most 3 MB of UTF-8, 4 MB more as
   * payloadBytes' base64, under the 10 MB the dead-letter write takes.
   */
  private static final int KEPT_OF_TOO_LARGE_ROW = 1_000_000;

  private RefusalReasons() {}

  /**
   * Beam's message for a row over the request size ("Row payload too large. Maximum size 10000000",
   * from StorageApiWriteUnshardedRecords and StorageApiWritesShardedRecords) names no rule: the
   * reason names BigQuery's limit, so the user knows the row, not the table, is wrong.
   */
  static String reason(String beamMessage) {
    if (beamMessage != null && beamMessage.startsWith(PAYLOAD_TOO_LARGE)) {
      return TOO_LARGE_REASON + beamMessage;
    }
    return "BigQuery rejected the row: " + beamMessage;
  }

  /**
   * A too-large row's dead letter goes through the same API and would be refused in turn: it keeps
   * the payload's first {@link #KEPT_OF_TOO_LARGE_ROW} characters, and says so. Other dead letters
   * are kept whole.
   */
  static FailedRecord fitted(FailedRecord failed) {
    if (!failed.errorMessage().startsWith(TOO_LARGE_REASON)) {
      return failed;
    }
    String text = failed.payloadString();
    byte[] bytes = failed.payloadBytes();
    boolean textTooLong = text != null && text.length() > KEPT_OF_TOO_LARGE_ROW;
    boolean bytesTooLong = bytes != null && bytes.length > KEPT_OF_TOO_LARGE_ROW;
    if (!textTooLong && !bytesTooLong) {
      return failed;
    }
    int payloadSize = text != null ? text.length() : bytes.length;
    String cutText = textTooLong ? text.substring(0, KEPT_OF_TOO_LARGE_ROW) : text;
    byte[] cutBytes =
        cutText != null
            ? cutText.getBytes(StandardCharsets.UTF_8)
            : Arrays.copyOf(bytes, KEPT_OF_TOO_LARGE_ROW);
    String reason =
        failed.errorMessage()
            + String.format(
                "; the dead letter keeps the payload's first %,d of %,d %s",
                KEPT_OF_TOO_LARGE_ROW, payloadSize, text != null ? "characters" : "bytes");
    return new FailedRecord(
        failed.timestampMillis(),
        cutText,
        cutBytes,
        failed.stage(),
        reason,
        failed.stacktrace(),
        failed.source(),
        failed.recordNumber(),
        failed.messageId(),
        failed.attributes());
  }
}
