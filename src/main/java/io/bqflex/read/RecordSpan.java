package io.bqflex.read;

import java.io.Serializable;
import org.apache.beam.sdk.io.Compression;

/**
 * Records to read from one file, by one worker: {@code count} units (CSV records, lines) from byte
 * {@code startByte}, the first numbered {@code firstNumber}, or, for a {@linkplain #whole
 * whole-file read}, every record from the start, decompressed as {@code compression} says.
 *
 * <p>Numbers are the ones a whole-file read gives (CSV record numbers, line numbers), so a record's
 * dead letter names the same {@code source} and {@code recordNumber} however the file was split.
 *
 * @param spreadRecords whether the records go to other workers before conversion: a large file that
 *     cannot be split is read by one worker, and its records are spread so that conversion and
 *     writing still scale
 */
public record RecordSpan(
    String file,
    Compression compression,
    long startByte,
    long firstNumber,
    long count,
    boolean spreadRecords)
    implements Serializable {

  /** The count of a span that reads to the end of its file. */
  public static final long TO_THE_END = Long.MAX_VALUE;

  /** Every record of {@code file}, read from its start. */
  public static RecordSpan whole(String file, Compression compression, boolean spreadRecords) {
    return new RecordSpan(file, compression, 0, 1, TO_THE_END, spreadRecords);
  }

  /** {@code count} units of an uncompressed file from byte {@code startByte}. */
  public static RecordSpan of(String file, long startByte, long firstNumber, long count) {
    return new RecordSpan(file, Compression.UNCOMPRESSED, startByte, firstNumber, count, false);
  }

  /** Whether this span holds the file's first unit (a CSV header, when the file has one). */
  public boolean holdsFirstUnit() {
    return firstNumber == 1;
  }

  /** Whether the span starts at the file's first byte, where a byte-order mark is dropped. */
  public boolean atFileStart() {
    return startByte == 0;
  }

  /** Whether this span reads the whole file from its start. */
  public boolean isWholeFile() {
    return startByte == 0 && firstNumber == 1 && count == TO_THE_END;
  }
}
