package io.bqflex.read;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of a file's bytes, {@code [start, end)}, to be scanned for its units' starts on some
 * worker: range {@code index} of the file {@code file} of {@code fileSize} bytes. {@code bodyStart}
 * is where the file's text starts (after a byte-order mark, 0 without one); bytes before it belong
 * to no unit.
 */
public record ByteRange(String file, long fileSize, long bodyStart, int index, long start, long end)
    implements Serializable {

  /**
   * A file of {@code fileSize} bytes cut into ranges of {@code rangeSize} bytes (the last may be
   * shorter); one empty range for an empty file.
   */
  public static List<ByteRange> split(String file, long fileSize, long bodyStart, long rangeSize) {
    if (rangeSize <= 0) {
      throw new IllegalArgumentException("rangeSize must be positive: " + rangeSize);
    }
    List<ByteRange> ranges = new ArrayList<>();
    int index = 0;
    long start = 0;
    do {
      long end = Math.min(fileSize, start + rangeSize);
      ranges.add(new ByteRange(file, fileSize, bodyStart, index++, start, end));
      start = end;
    } while (start < fileSize);
    return ranges;
  }

  /**
   * A file cut into as few ranges as keep each within {@code maxRangeSize} bytes, all of about the
   * same size: an 87 MB file under a 64 MiB maximum becomes two ranges of 43.5 MB, not 64 MiB and
   * 23 MB, so that two workers share its reading evenly instead of one doing three quarters of it.
   */
  public static List<ByteRange> splitEvenly(
      String file, long fileSize, long bodyStart, long maxRangeSize) {
    if (maxRangeSize <= 0) {
      throw new IllegalArgumentException("maxRangeSize must be positive: " + maxRangeSize);
    }
    long count = Math.max(1, ceilDiv(fileSize, maxRangeSize));
    return split(file, fileSize, bodyStart, Math.max(1, ceilDiv(fileSize, count)));
  }

  private static long ceilDiv(long dividend, long divisor) {
    return -Math.floorDiv(-dividend, divisor);
  }

  /** The first byte of the range that belongs to the file's text. */
  public long scanFrom() {
    return Math.max(start, bodyStart);
  }
}
