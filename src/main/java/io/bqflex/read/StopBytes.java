package io.bqflex.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

  /** Per state, its stop count, or MAX_STOPS + 1 for more. */
  private final int[] count;

  /** Per state, its stops, each repeated in every byte of a long: [state * MAX_STOPS + k]. */
  private final long[] patterns;

  StopBytes(BoundaryMachine machine) {
    int states = machine.stateCount();
    count = new int[states];
    patterns = new long[states * MAX_STOPS];
    for (int state = 0; state < states; state++) {
      for (int b = 0; b < 256; b++) {
        byte value = (byte) b;
        if (machine.next(state, value) == state && !machine.startsUnit(state, value)) {
          continue;
        }
        if (count[state] < MAX_STOPS) {
          patterns[state * MAX_STOPS + count[state]] = ONES * b;
        }
        count[state] = Math.min(count[state] + 1, MAX_STOPS + 1);
      }
    }
  }

  /**
   * The first index from {@code from} on, below {@code length}, whose byte may be a stop in {@code
   * state}; {@code length} when none is. Bytes of the last 8 before {@code length} are not looked
   * at apart: the caller reads them one by one.
   */
  int firstStop(byte[] buffer, int from, int length, int state) {
    int i = from;
    while (i <= length - Long.BYTES) {
      long flags = stops(word(buffer, i), state);
      if (flags != 0) {
        return i + firstFlagged(flags);
      }
      i += Long.BYTES;
    }
    return i;
  }

  /** {@link #firstStop(byte[], int, int, int)} for a byte that may be a stop in either state. */
  int firstStop(byte[] buffer, int from, int length, int state, int other) {
    int i = from;
    while (i <= length - Long.BYTES) {
      long word = word(buffer, i);
      long flags = stops(word, state) | stops(word, other);
      if (flags != 0) {
        return i + firstFlagged(flags);
      }
      i += Long.BYTES;
    }
    return i;
  }

  /**
   * {@link #firstStop(byte[], int, int, int)} for a byte that may be a stop in any of the states.
   */
  int firstStop(byte[] buffer, int from, int length, int[] states, int stateCount) {
    int i = from;
    while (i <= length - Long.BYTES) {
      long word = word(buffer, i);
      long flags = 0;
      for (int s = 0; s < stateCount; s++) {
        flags |= stops(word, states[s]);
      }
      if (flags != 0) {
        return i + firstFlagged(flags);
      }
      i += Long.BYTES;
    }
    return i;
  }

  /**
   * The high bit set in each byte of {@code word} that may be a stop in {@code state}. Exact for
   * the lowest: the zero-byte test flags every zero byte, and wrongly only bytes above a true one.
   */
  private long stops(long word, int state) {
    int stops = count[state];
    if (stops > MAX_STOPS) {
      return HIGHS;
    }
    long flags = 0;
    int base = state * MAX_STOPS;
    for (int k = 0; k < stops; k++) {
      long x = word ^ patterns[base + k];
      flags |= (x - ONES) & ~x & HIGHS;
    }
    return flags;
  }

  private static int firstFlagged(long flags) {
    return Long.numberOfTrailingZeros(flags) >>> 3;
  }

  private static long word(byte[] buffer, int i) {
    return (long) LONGS.get(buffer, i);
  }
}
