package io.bqflex.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per state of a {@link BoundaryMachine}, its stop bytes: those that, read in that state, change
 * the state or start a unit. Every other byte is quiet there, and a scanner may pass it by without
 * looking it up. Most of a format's bytes are quiet in most states (inside a line only LF, and for
 * some machines CR, is not), so where a state has at most {@link #MAX_STOPS} stops a scanner looks
 * for them 8 bytes at a time, in a long read from the buffer, with the "has a zero byte" test on
 * the long XOR each stop byte repeated 8 times.
 */
final class StopBytes {
  /** More stops than this and the state's bytes are looked up one by one. */
  static final int MAX_STOPS = 4;

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  // Little-endian: a long's lowest byte is the buffer's first, so the first stop is the lowest
  // flag.
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Per pair of states for a two-track scan: no table for machines with more states. */
  private static final int MAX_PAIRED_STATES = 32;

  private final int states;

  /** Per state, its stop count, or MAX_STOPS + 1 for more. */
  private final int[] count;

  /**
   * Per state, its stops, each repeated in every byte of a long, padded with the first to {@link
   * #MAX_STOPS}: [state * MAX_STOPS + k].
   */
  private final long[] patterns;

  /** The same for the stops of either of two states, at [state * states + other]; or null. */
  private final int[] pairCount;

  private final long[] pairPatterns;

  StopBytes(BoundaryMachine machine) {
    states = machine.stateCount();
    count = new int[states];
    patterns = new long[states * MAX_STOPS];
    for (int state = 0; state < states; state++) {
      List<Long> stops = new ArrayList<>();
      for (int b = 0; b < 256; b++) {
        byte value = (byte) b;
        if (machine.next(state, value) != state || machine.startsUnit(state, value)) {
          stops.add(ONES * b);
        }
      }
      count[state] = put(stops, patterns, state);
    }
    if (states > MAX_PAIRED_STATES) {
      pairCount = null;
      pairPatterns = null;
      return;
    }
    pairCount = new int[states * states];
    pairPatterns = new long[states * states * MAX_STOPS];
    for (int state = 0; state < states; state++) {
      for (int other = 0; other < states; other++) {
        Set<Long> either = new LinkedHashSet<>();
        for (int s : new int[] {state, other}) {
          for (int k = 0; k < Math.min(count[s], MAX_STOPS); k++) {
            either.add(patterns[s * MAX_STOPS + k]);
          }
        }
        boolean tooMany = count[state] > MAX_STOPS || count[other] > MAX_STOPS;
        int pair = state * states + other;
        pairCount[pair] =
            tooMany ? MAX_STOPS + 1 : put(new ArrayList<>(either), pairPatterns, pair);
      }
    }
  }

  /** Puts {@code stops} at slot {@code at} of {@code table}, padded; gives the count to keep. */
  private static int put(List<Long> stops, long[] table, int at) {
    int base = at * MAX_STOPS;
    for (int k = 0; k < MAX_STOPS; k++) {
      table[base + k] = stops.isEmpty() ? 0 : stops.get(k < stops.size() ? k : 0);
    }
    return Math.min(stops.size(), MAX_STOPS + 1);
  }

  /**
   * The first index from {@code from} on, below {@code length}, whose byte may be a stop in {@code
   * state}; {@code length} when none is. Bytes of the last 8 before {@code length} are not looked
   * at apart: the caller reads them one by one.
   */
  int firstStop(byte[] buffer, int from, int length, int state) {
    return firstOf(buffer, from, length, patterns, state * MAX_STOPS, count[state]);
  }

  /** {@link #firstStop(byte[], int, int, int)} for a byte that may be a stop in either state. */
  int firstStop(byte[] buffer, int from, int length, int state, int other) {
    if (pairCount != null) {
      int pair = state * states + other;
      return firstOf(buffer, from, length, pairPatterns, pair * MAX_STOPS, pairCount[pair]);
    }
    int i = from;
    for (; i <= length - Long.BYTES; i += Long.BYTES) {
      long word = word(buffer, i);
      long flags = stops(word, state) | stops(word, other);
      if (flags != 0) {
        return i + firstFlagged(flags);
      }
    }
    return i;
  }

  /**
   * The first index from {@code from} whose byte may be one of the {@code stops} patterns at {@code
   * table[base..]}: the loop for their number, the patterns held in locals.
   */
  private static int firstOf(
      byte[] buffer, int from, int length, long[] table, int base, int stops) {
    if (stops == 0) {
      return length;
    }
    if (stops > MAX_STOPS) {
      return from;
    }
    long p0 = table[base];
    long p1 = table[base + 1];
    int i = from;
    if (stops == 1) {
      // Lines: LF alone.
      for (; i <= length - Long.BYTES; i += Long.BYTES) {
        long flags = zeroBytes(word(buffer, i) ^ p0);
        if (flags != 0) {
          return i + firstFlagged(flags);
        }
      }
      return i;
    }
    if (stops == 2) {
      // Lines ending at LF or CR; the two tracks of a quote-toggling machine.
      for (; i <= length - Long.BYTES; i += Long.BYTES) {
        long word = word(buffer, i);
        long flags = zeroBytes(word ^ p0) | zeroBytes(word ^ p1);
        if (flags != 0) {
          return i + firstFlagged(flags);
        }
      }
      return i;
    }
    long p2 = table[base + 2];
    long p3 = table[base + 3];
    for (; i <= length - Long.BYTES; i += Long.BYTES) {
      long word = word(buffer, i);
      long flags =
          zeroBytes(word ^ p0) | zeroBytes(word ^ p1) | zeroBytes(word ^ p2) | zeroBytes(word ^ p3);
      if (flags != 0) {
        return i + firstFlagged(flags);
      }
    }
    return i;
  }

  /**
   * {@link #firstStop(byte[], int, int, int)} for a byte that may be a stop in any of the states.
   */
  int firstStop(byte[] buffer, int from, int length, int[] states, int stateCount) {
    int i = from;
    for (; i <= length - Long.BYTES; i += Long.BYTES) {
      long word = word(buffer, i);
      long flags = 0;
      for (int s = 0; s < stateCount; s++) {
        flags |= stops(word, states[s]);
      }
      if (flags != 0) {
        return i + firstFlagged(flags);
      }
    }
    return i;
  }

  /** The high bit set in each byte of {@code word} that may be a stop in {@code state}. */
  private long stops(long word, int state) {
    int stops = count[state];
    if (stops == 0) {
      return 0;
    }
    if (stops > MAX_STOPS) {
      return HIGHS;
    }
    int base = state * MAX_STOPS;
    return zeroBytes(word ^ patterns[base])
        | zeroBytes(word ^ patterns[base + 1])
        | zeroBytes(word ^ patterns[base + 2])
        | zeroBytes(word ^ patterns[base + 3]);
  }

  /**
   * The high bit set in each zero byte of {@code x}, and at times in a byte above a zero one (a
   * borrow): so the lowest flag is exactly the first zero byte. A wrong flag costs only a look-up.
   */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & HIGHS;
  }

  private static int firstFlagged(long flags) {
    return Long.numberOfTrailingZeros(flags) >>> 3;
  }

  private static long word(byte[] buffer, int i) {
    return (long) LONGS.get(buffer, i);
  }
}
