package io.bqflex.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A record on its way to the dead-letter table: the original payload, why it failed, at which
 * stage, and where it came from.
 */
@DefaultCoder(FailedRecordCoder.class)
public final class FailedRecord {
  private final long timestampMillis;
  private final String payloadString;
  private final byte[] payloadBytes;
  private final Stage stage;
  private final String errorMessage;
  private final String stacktrace;
  private final String source;
  private final long recordNumber;
  private final String messageId;
  private final Map<String, String> attributes;

  public FailedRecord(
      long timestampMillis,
      String payloadString,
      byte[] payloadBytes,
      Stage stage,
      String errorMessage,
      String stacktrace,
      String source,
      long recordNumber,
      String messageId,
      Map<String, String> attributes) {
    this.timestampMillis = timestampMillis;
    this.payloadString = payloadString;
    this.payloadBytes = payloadBytes;
    this.stage = Objects.requireNonNull(stage, "stage");
    this.errorMessage = errorMessage;
    this.stacktrace = stacktrace;
    this.source = source;
    this.recordNumber = recordNumber;
    this.messageId = messageId;
    this.attributes = attributes;
  }

  /** The failure of {@code record} with the stage and message of {@code error}. */
  public static FailedRecord of(SourceRecord record, RecordException error) {
    return of(record, error.stage(), error.getMessage(), error.getCause());
  }

  /**
   * The failure of {@code record} at {@code stage}. The stack trace is kept only for unexpected
   * causes: for a plain validation message it would only repeat the message.
   */
  public static FailedRecord of(
      SourceRecord record, Stage stage, String message, Throwable unexpectedCause) {
    return new FailedRecord(
        System.currentTimeMillis(),
        record.textIfAny(),
        record.payloadBytes(),
        stage,
        message,
        unexpectedCause == null ? null : stackTraceOf(unexpectedCause),
        record.source(),
        record.recordNumber(),
        record.messageId(),
        record.attributes());
  }

  public static String stackTraceOf(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  public long timestampMillis() {
    return timestampMillis;
  }

  public String payloadString() {
    return payloadString;
  }

  /**
   * The payload's bytes exactly as they came in; null when none came in (the dead letter that
   * stands for the unread rest of a file cut short).
   */
  public byte[] payloadBytes() {
    return payloadBytes;
  }

  public Stage stage() {
    return stage;
  }

  public String errorMessage() {
    return errorMessage;
  }

  public String stacktrace() {
    return stacktrace;
  }

  public String source() {
    return source;
  }

  public long recordNumber() {
    return recordNumber;
  }

  public String messageId() {
    return messageId;
  }

  public Map<String, String> attributes() {
    return attributes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FailedRecord)) {
      return false;
    }
    FailedRecord that = (FailedRecord) o;
    return timestampMillis == that.timestampMillis
        && recordNumber == that.recordNumber
        && stage == that.stage
        && Objects.equals(payloadString, that.payloadString)
        && Arrays.equals(payloadBytes, that.payloadBytes)
        && Objects.equals(errorMessage, that.errorMessage)
        && Objects.equals(stacktrace, that.stacktrace)
        && Objects.equals(source, that.source)
        && Objects.equals(messageId, that.messageId)
        && Objects.equals(attributes, that.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timestampMillis, payloadString, stage, errorMessage, source, recordNumber);
  }

  @Override
  public String toString() {
    return "FailedRecord{" + stage + " " + source + ":" + recordNumber + " " + errorMessage + "}";
  }
}
