package io.bqflex.read;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads one binary file's records in order, as typed values, and gives a failed record back in a
 * form a person and a tool can read (for the dead-letter table).
 *
 * @param <R> the format's record type
 */
public interface TypedRecordReader<R> extends Closeable {

  /**
   * The next record, or null after the last one.
   *
   * @throws IOException when the file cannot be read further (a corrupt or truncated block or row
   *     group); the records returned so far stand, and {@link #position()} says where it stopped
   */
  TypedRecord<R> next() throws IOException;

  /**
   * Where the reader is in the file, in the format's own units, for the message of a file that
   * broke off: for example "block 3 (from byte 81920)" or "row group 2 of 5".
   */
  String position();

  /**
   * {@code record} re-encoded in the file's own format, for the dead letter's {@code payloadBytes}
   * (see the template's README for the encoding).
   */
  byte[] originalBytes(R record);

  /** {@code record} rendered as JSON text, for the dead letter's {@code payloadString}. */
  String readableText(R record);
}
