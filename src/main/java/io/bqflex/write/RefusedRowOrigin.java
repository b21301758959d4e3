package io.bqflex.write;

import com.google.api.client.util.ArrayMap;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.OutputRow;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * What a row keeps of its record while the Storage Write API may still refuse it, and the dead
 * letter made of that when it does.
 *
 * <p>BigQueryIO hands back a refused row as the TableRow its failure function made for it ({@code
 * withFormatRecordOnFailureFunction}), and it makes and JSON-encodes that TableRow for every row,
 * refused or not, and exactly-once writes shuffle it. So the kept row is as small as the dead
 * letter allows, under one-letter keys:
 *
 * <ul>
 *   <li>a record read from a file, when the write can read it again ({@link Keep#filePositions}):
 *       its file, record number and its text's hash; the payload is read again from the file for
 *       the few rows refused ({@link #deadLetter(RefusedFileRecord, SourceRecord, String)}), and
 *       the hash tells whether the file still holds the same record. Carrying the line's text
 *       instead (escaped again inside the kept row's JSON) cost about a quarter of a JSON line's
 *       rate on this path, and a position is a fraction of its shuffle bytes (README, Benchmarks);
 *   <li>any other record (a Pub/Sub message, which cannot be read again): the original payload (its
 *       text, and its bytes only when they are not that text's UTF-8 form, as base64), the source,
 *       record number, message id and attributes.
 * </ul>
 *
 * Not the converted row: the payload is what the user replays, and it is what every other dead
 * letter holds.
 */
public final class RefusedRowOrigin {
  private static final String TEXT = "p";
  private static final String BYTES = "b";
  private static final String SOURCE = "s";
  private static final String RECORD_NUMBER = "n";
  private static final String MESSAGE_ID = "m";
  private static final String ATTRIBUTES = "a";
  private static final String TEXT_HASH = "h";
  private static final int KEY_COUNT = 6;

  private RefusedRowOrigin() {}

  /** BigQueryIO's failure function: the kept form of a row that carries its record. */
  public static final class Keep implements SerializableFunction<OutputRow, TableRow> {
    private static final long serialVersionUID = 1L;

    private final boolean filePositions;

    private Keep(boolean filePositions) {
      this.filePositions = filePositions;
    }

    /** Keeps every record whole: its payload travels with the row. */
    public static Keep wholeRecords() {
      return new Keep(false);
    }

    /**
     * Keeps a file record's position only (file, number, text hash), for a write that can read it
     * again; other records whole.
     */
    public static Keep filePositions() {
      return new Keep(true);
    }

    @Override
    public TableRow apply(OutputRow output) {
      SourceRecord record = output.record();
      return filePositions && isFileRecord(record) ? position(record) : kept(record);
    }
  }

  private static boolean isFileRecord(SourceRecord record) {
    return record.messageId() == null
        && record.source() != null
        && record.recordNumber() > 0
        && record.decodedText() != null;
  }

  private static TableRow position(SourceRecord record) {
    ArrayMap<String, Object> kept = ArrayMap.create(3);
    kept.add(SOURCE, record.source());
    kept.add(RECORD_NUMBER, record.recordNumber());
    kept.add(TEXT_HASH, record.decodedText().hashCode());
    TableRow row = new TableRow();
    row.setUnknownKeys(kept);
    return row;
  }

  /**
   * The kept form of {@code record}. Its values go straight into the row's unknown keys, each key
   * once: {@code TableRow.set} would look each key up among TableRow's declared fields first (an
   * interned-string lookup per key, on every row written).
   */
  static TableRow kept(SourceRecord record) {
    ArrayMap<String, Object> kept = ArrayMap.create(KEY_COUNT);
    addIfSet(kept, TEXT, record.decodedText());
    byte[] bytes = record.bytesIfNotText();
    if (bytes != null) {
      kept.add(BYTES, Base64.getEncoder().encodeToString(bytes));
    }
    addIfSet(kept, SOURCE, record.source());
    if (record.recordNumber() != 0) {
      kept.add(RECORD_NUMBER, record.recordNumber());
    }
    addIfSet(kept, MESSAGE_ID, record.messageId());
    if (record.attributes() != null && !record.attributes().isEmpty()) {
      kept.add(ATTRIBUTES, record.attributes());
    }
    TableRow row = new TableRow();
    row.setUnknownKeys(kept);
    return row;
  }

  /**
   * The refused file record a kept position names, for its payload to be read again; null when the
   * row kept its whole record ({@link #deadLetter(Map, String)} makes its dead letter).
   */
  static RefusedFileRecord positionOf(Map<String, Object> kept, String reason) {
    if (kept.containsKey(TEXT) || kept.containsKey(BYTES) || !kept.containsKey(TEXT_HASH)) {
      return null;
    }
    return new RefusedFileRecord(
        (String) kept.get(SOURCE),
        recordNumber(kept.get(RECORD_NUMBER)),
        number(kept.get(TEXT_HASH)).intValue(),
        reason,
        System.currentTimeMillis());
  }

  /**
   * The dead letter of a refused file record, with the record as read again from its file; when the
   * file no longer holds it ({@code reread} null, or another text at that number), the dead letter
   * has no payload and says why, with the file and number to find it by.
   *
   * @param whyNotReread why the file could not be read again; null if it was
   */
  static FailedRecord deadLetter(
      RefusedFileRecord refused, SourceRecord reread, String whyNotReread) {
    if (reread != null && reread.decodedText().hashCode() == refused.textHash()) {
      return FailedRecord.of(reread, Stage.WRITE, refused.reason(), null);
    }
    String lost =
        whyNotReread != null
            ? whyNotReread
            : reread == null
                ? "the file no longer has a record " + refused.recordNumber()
                : "the file's record " + refused.recordNumber() + " changed since it was read";
    return new FailedRecord(
        refused.timestampMillis(),
        "",
        new byte[0],
        Stage.WRITE,
        refused.reason() + "; its payload could not be read again: " + lost,
        null,
        refused.source(),
        refused.recordNumber(),
        null,
        null);
  }

  /**
   * The dead letter of a refused row from what it kept (a TableRow that has crossed BigQueryIO's
   * JSON coder: numbers may come back as any Number or as text).
   */
  static FailedRecord deadLetter(Map<String, Object> kept, String reason) {
    String text = (String) kept.get(TEXT);
    String base64 = (String) kept.get(BYTES);
    byte[] bytes = base64 == null ? null : Base64.getDecoder().decode(base64);
    return new FailedRecord(
        System.currentTimeMillis(),
        text != null ? text : utf8OrNull(bytes),
        bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8),
        Stage.WRITE,
        reason,
        null,
        (String) kept.get(SOURCE),
        recordNumber(kept.get(RECORD_NUMBER)),
        (String) kept.get(MESSAGE_ID),
        attributes(kept.get(ATTRIBUTES)));
  }

  private static void addIfSet(ArrayMap<String, Object> kept, String key, String value) {
    if (value != null) {
      kept.add(key, value);
    }
  }

  private static long recordNumber(Object value) {
    return value == null ? 0 : number(value).longValue();
  }

  private static Number number(Object value) {
    return value instanceof Number n ? n : Long.valueOf(value.toString());
  }

  private static Map<String, String> attributes(Object value) {
    if (value == null) {
      return null;
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    ((Map<?, ?>) value).forEach((k, v) -> attributes.put(k.toString(), String.valueOf(v)));
    return attributes;
  }

  /** The bytes as text when they are valid UTF-8, as {@link SourceRecord#textIfAny()} does. */
  private static String utf8OrNull(byte[] bytes) {
    return SourceRecord.fromMessage(bytes, null, null, null, null).textIfAny();
  }
}
