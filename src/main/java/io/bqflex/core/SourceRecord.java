package io.bqflex.core;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One record as read from its source, before parsing: its original bytes, where it came from, and,
 * for a record whose reader had to decode its source to find it (a text file), its text.
 *
 * <p>The bytes are the record as it came in, for the dead-letter table. The text is a view, decoded
 * once, by whoever needs it: a file reader in the file's charset (it decodes to find where a record
 * ends), or {@link #text()} as UTF-8 for a record read as bytes (a Pub/Sub message), which is where
 * a payload that is not UTF-8 fails. A file record keeps only its text when its bytes are that
 * text's UTF-8 form, sparing valid UTF-8 records a second copy.
 *
 * <p>File sources set {@code source} to the file and {@code recordNumber} to the 1-based record
 * position in it; Pub/Sub sets {@code source} to the subscription or topic, {@code messageId} and
 * {@code attributes}. Unset fields are null (recordNumber: 0).
 */
@DefaultCoder(SourceRecordCoder.class)
public final class SourceRecord {
  private final String text;
  private final byte[] bytes;
  private final String source;
  private final long recordNumber;
  private final String messageId;
  private final Map<String, String> attributes;
  private final Long publishTimeMillis;
  private final String udfOutput;

  /** A record whose payload is {@code text} (bytes: its UTF-8 form). */
  public SourceRecord(
      String text,
      String source,
      long recordNumber,
      String messageId,
      Map<String, String> attributes,
      Long publishTimeMillis) {
    this(
        Objects.requireNonNull(text, "text"),
        null,
        source,
        recordNumber,
        messageId,
        attributes,
        publishTimeMillis,
        null);
  }

  /**
   * @param text the payload as text; null for a record read as bytes
   * @param bytes the payload's bytes as they came in; null when they are the UTF-8 form of {@code
   *     text}
   * @param udfOutput the JSON object text the UDF made of the payload; null before a UDF ran, or
   *     when there is none
   */
  SourceRecord(
      String text,
      byte[] bytes,
      String source,
      long recordNumber,
      String messageId,
      Map<String, String> attributes,
      Long publishTimeMillis,
      String udfOutput) {
    if (text == null && bytes == null) {
      throw new NullPointerException("a record needs its text or its bytes");
    }
    this.text = text;
    this.bytes = bytes;
    this.source = source;
    this.recordNumber = recordNumber;
    this.messageId = messageId;
    this.attributes = attributes;
    this.publishTimeMillis = publishTimeMillis;
    this.udfOutput = udfOutput;
  }

  /** A record read from a file: its text, the file, and its 1-based position in the file. */
  public static SourceRecord fromFile(String text, String file, long recordNumber) {
    return fromFile(text, null, file, recordNumber);
  }

  /**
   * A record read from a file, with its original bytes when they are not the UTF-8 form of {@code
   * text} (null when they are).
   */
  public static SourceRecord fromFile(String text, byte[] bytes, String file, long recordNumber) {
    return new SourceRecord(
        Objects.requireNonNull(text, "text"), bytes, file, recordNumber, null, null, null, null);
  }

  /**
   * A Pub/Sub message, kept as its bytes: the format that reads it decodes it (see {@link
   * #text()}).
   */
  public static SourceRecord fromMessage(
      byte[] payload,
      String subscriptionOrTopic,
      String messageId,
      Map<String, String> attributes,
      Long publishTimeMillis) {
    return new SourceRecord(
        null,
        Objects.requireNonNull(payload, "payload"),
        subscriptionOrTopic,
        0,
        messageId,
        attributes,
        publishTimeMillis,
        null);
  }

  /**
   * This record as the UDF left it: {@code json} is what the converter reads; the payload stays the
   * original, for the dead-letter table.
   */
  public SourceRecord withUdfOutput(String json) {
    return new SourceRecord(
        text,
        bytes,
        source,
        recordNumber,
        messageId,
        attributes,
        publishTimeMillis,
        Objects.requireNonNull(json, "json"));
  }

  /** This record without what the UDF made of it: for a step that needs only the original. */
  SourceRecord withoutUdfOutput() {
    return new SourceRecord(
        text, bytes, source, recordNumber, messageId, attributes, publishTimeMillis, null);
  }

  /**
   * The payload as text: as its reader decoded it, or, for a record read as bytes, decoded now as
   * UTF-8.
   *
   * @throws RecordException (PARSE) when the bytes are not valid UTF-8; nothing is ever read with
   *     U+FFFD in place of a byte it could not decode
   */
  public String text() throws RecordException {
    return text != null ? text : strictUtf8(bytes);
  }

  /** The payload's text when it is text: as decoded, or its bytes read as UTF-8; else null. */
  public String textIfAny() {
    try {
      return text();
    } catch (RecordException e) {
      return null;
    }
  }

  /** The text its reader decoded, or null for a record read as bytes. */
  public String decodedText() {
    return text;
  }

  /** The payload's bytes exactly as they came in, for the dead-letter table. */
  public byte[] payloadBytes() {
    return bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * At least the number of characters of the payload's text, without decoding it: for a size check
   * that must cost nothing on most records.
   */
  public long payloadSizeBound() {
    // A character takes at least one byte in every charset the readers decode.
    return bytes != null ? bytes.length : text.length();
  }

  /**
   * The payload's bytes when they must be kept beside its text: null when they are the text's UTF-8
   * form (then {@link #decodedText()} is the payload).
   */
  public byte[] bytesIfNotText() {
    return bytes;
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

  private static String strictUtf8(byte[] bytes) throws RecordException {
    // REPORT, not the default REPLACE: a payload must never reach BigQuery with U+FFFD in it.
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = utf8.decode(in, out, true);
    if (!result.isError()) {
      result = utf8.flush(out);
    }
    if (result.isError()) {
      throw new RecordException(
          Stage.PARSE,
          "payload is not valid UTF-8 (invalid byte sequence at byte offset "
              + in.position()
              + " of "
              + bytes.length
              + "); the template reads payloads as UTF-8 text");
    }
    return out.flip().toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SourceRecord)) {
      return false;
    }
    SourceRecord that = (SourceRecord) o;
    return recordNumber == that.recordNumber
        && Objects.equals(text, that.text)
        && Arrays.equals(bytes, that.bytes)
        && Objects.equals(source, that.source)
        && Objects.equals(messageId, that.messageId)
        && Objects.equals(attributes, that.attributes)
        && Objects.equals(publishTimeMillis, that.publishTimeMillis)
        && Objects.equals(udfOutput, that.udfOutput);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, Arrays.hashCode(bytes), source, recordNumber, messageId);
  }

  @Override
  public String toString() {
    String where = messageId != null ? "message " + messageId : source + ":" + recordNumber;
    return "SourceRecord{" + where + "}";
  }
}
