package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
  private static final long MIB = 1L << 20;

  @Test
  void splitsAFileIntoEvenRangesWithinTheMaximum() {
    long size = 87 * 1_000_000L;
    List<ByteRange> ranges = ByteRange.splitEvenly("f", size, 0, 64 * MIB);

    assertEquals(2, ranges.size());
    assertEquals(size / 2, ranges.get(0).end() - ranges.get(0).start());
    assertEquals(size / 2, ranges.get(1).end() - ranges.get(1).start());
  }

  @Test
  void evenRangesCoverTheFileInOrderWithoutGapsForAnySize() {
    for (long size = 0; size < 300; size++) {
      for (long max = 1; max < 40; max++) {
        List<ByteRange> ranges = ByteRange.splitEvenly("f", size, 0, max);
        long expectedCount = Math.max(1, (size + max - 1) / max);
        assertEquals(expectedCount, ranges.size(), "size " + size + ", max " + max);
        long start = 0;
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        for (int i = 0; i < ranges.size(); i++) {
          ByteRange range = ranges.get(i);
          assertEquals(i, range.index());
          assertEquals(start, range.start());
          long length = range.end() - range.start();
          assertTrue(length <= max, "size " + size + ", max " + max);
          shortest = Math.min(shortest, length);
          longest = Math.max(longest, length);
          start = range.end();
        }
        assertEquals(size, start);
        if (size > 0) {
          // Even: only the last range may fall short, and then by less than one byte per range.
          assertTrue(longest - shortest < ranges.size(), "size " + size + ", max " + max);
        }
      }
    }
  }
}
