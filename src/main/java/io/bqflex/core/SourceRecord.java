package io.bqflex.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One record as read from its source, before parsing: the payload text, its original bytes when
 * they are not the text's UTF-8 form (a file in another charset, or with invalid bytes), and where
 * it came from.
 *
 * <p>File sources set {@code source} to the file and {@code recordNumber} to the 1-based record
 * position in it; Pub/Sub sets {@code source} to the subscription or topic, {@code messageId} and
 * {@code attributes}. Unset fields are null (recordNumber: 0).
 */
@DefaultCoder(SourceRecordCoder.class)
public final class SourceRecord {
  private final String payload;
  private final byte[] originalBytes;
  private final String source;
  private final long recordNumber;
  private final String messageId;
  private final Map<String, String> attributes;
  private final Long publishTimeMillis;
  private final String udfOutput;

  public SourceRecord(
      String payload,
      String source,
      long recordNumber,
      String messageId,
      Map<String, String> attributes,
      Long publishTimeMillis) {
    this(payload, null, source, recordNumber, messageId, attributes, publishTimeMillis, null);
  }

  /**
   * @param originalBytes the payload's bytes as they came in; null when they are the UTF-8 form of
   *     {@code payload}, which spares valid UTF-8 records a second copy
   * @param udfOutput the JSON object text the UDF made of the payload; null before a UDF ran, or
   *     when there is none
   */
  SourceRecord(
      String payload,
      byte[] originalBytes,
      String source,
      long recordNumber,
      String messageId,
      Map<String, String> attributes,
      Long publishTimeMillis,
      String udfOutput) {
    this.payload = Objects.requireNonNull(payload, "payload");
    this.originalBytes = originalBytes;
    this.source = source;
    this.recordNumber = recordNumber;
    this.messageId = messageId;
    this.attributes = attributes;
    this.publishTimeMillis = publishTimeMillis;
    this.udfOutput = udfOutput;
  }

  /** A record read from a file: its text, the file, and its 1-based position in the file. */
  public static SourceRecord fromFile(String payload, String file, long recordNumber) {
    return fromFile(payload, null, file, recordNumber);
  }

  /**
   * A record read from a file, with its original bytes when they are not the UTF-8 form of {@code
   * payload} (null when they are).
   */
  public static SourceRecord fromFile(
      String payload, byte[] originalBytes, String file, long recordNumber) {
    return new SourceRecord(payload, originalBytes, file, recordNumber, null, null, null, null);
  }

  /**
   * This record as the UDF left it: {@code json} is what the converter reads; the payload stays the
   * original, for the dead-letter table.
   */
  public SourceRecord withUdfOutput(String json) {
    return new SourceRecord(
        payload,
        originalBytes,
        source,
        recordNumber,
        messageId,
        attributes,
        publishTimeMillis,
        Objects.requireNonNull(json, "json"));
  }

  public String payload() {
    return payload;
  }

  /** The payload's bytes exactly as they came in, for the dead-letter table. */
  public byte[] payloadBytes() {
    return originalBytes != null ? originalBytes : payload.getBytes(StandardCharsets.UTF_8);
  }

  /** The original bytes when they differ from the payload's UTF-8 form; else null. */
  byte[] originalBytesIfDifferent() {
    return originalBytes;
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

  public Long publishTimeMillis() {
    return publishTimeMillis;
  }

  /** The JSON object text the UDF returned for this record, or null when no UDF ran. */
  public String udfOutput() {
    return udfOutput;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SourceRecord)) {
      return false;
    }
    SourceRecord that = (SourceRecord) o;
    return recordNumber == that.recordNumber
        && payload.equals(that.payload)
        && Arrays.equals(originalBytes, that.originalBytes)
        && Objects.equals(source, that.source)
        && Objects.equals(messageId, that.messageId)
        && Objects.equals(attributes, that.attributes)
        && Objects.equals(publishTimeMillis, that.publishTimeMillis)
        && Objects.equals(udfOutput, that.udfOutput);
  }

  @Override
  public int hashCode() {
    return Objects.hash(payload, source, recordNumber, messageId);
  }

  @Override
  public String toString() {
    String where = messageId != null ? "message " + messageId : source + ":" + recordNumber;
    return "SourceRecord{" + where + "}";
  }
}
