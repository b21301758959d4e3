package io.bqflex.read;

import io.bqflex.core.SourceRecord;
import java.util.List;
import java.util.Objects;

/**
 * One record as a file reader found it: its position in the file, its original text (without the
 * line terminator) and, when that text's UTF-8 form is not what the file held, its original bytes,
 * its CSV values (empty for JSON lines), and why it cannot be loaded, if so.
 */
public final class FileRecord {
  private final long number;
  private final String text;
  private final byte[] bytes;
  private final List<String> values;
  private final String failure;

  FileRecord(long number, String text, byte[] bytes, List<String> values, String failure) {
    this.number = number;
    this.text = Objects.requireNonNull(text, "text");
    this.bytes = bytes;
    this.values = values;
    this.failure = failure;
  }

  /**
   * The 1-based position in the file: the line number for JSON lines, the CSV record number for CSV
   * (as Commons CSV counts it, the header record included).
   */
  public long number() {
    return number;
  }

  /** The record exactly as in the file, minus its line terminator. */
  public String text() {
    return text;
  }

  /**
   * The record's bytes as in the file, minus its line terminator; null when they are the UTF-8 form
   * of {@link #text()} (a valid UTF-8 file), so that the common case carries no second copy.
   */
  public byte[] bytes() {
    return bytes;
  }

  /** The CSV column values (a value may be null, see {@code CsvRecordParser}); empty for JSON. */
  public List<String> values() {
    return values;
  }

  /** The record as the pipeline carries it on from the file {@code source}. */
  public SourceRecord asSourceRecord(String source) {
    return SourceRecord.fromFile(text, bytes, source, number);
  }

  /** Whether the record can go on; if not, {@link #failure()} says why. */
  public boolean isReadable() {
    return failure == null;
  }

  /** Why the record cannot be loaded, for the dead-letter table; null when it is readable. */
  public String failure() {
    return failure;
  }

  @Override
  public String toString() {
    return "FileRecord{" + number + (failure == null ? "" : " unreadable: " + failure) + "}";
  }
}
