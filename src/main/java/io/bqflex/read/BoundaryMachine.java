package io.bqflex.read;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where a format's units (CSV records, lines) start, as a state machine over a file's bytes: a
 * table of the state after each byte in each state, and of whether that byte is the first of a
 * unit. This is what makes a file splittable: a range of bytes cannot know the state it starts in,
 * but it can be run from every state at once (see {@link RangeScanner}), and the ranges' results
 * chained in file order give each range its true start (see {@link SpanPlanner}).
 *
 * <p>Bytes, not characters: the formats split this way are read in charsets where every byte below
 * 0x80 is the ASCII character (UTF-8, ISO-8859-x, windows-125x), so delimiters, quotes and line
 * ends are single bytes, and the few multi-byte characters that matter (Unicode spaces before a
 * quote, for a format that ignores surrounding spaces) are states of their own.
 */
public final class BoundaryMachine implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No fault state: every state can go on. */
  public static final int NO_FAULT = -1;

  private final String name;
  private final int stateCount;
  private final int startState;
  private final int faultState;
  private final int[] next;
  private final boolean[] startsUnit;
  private final boolean[] endsCleanly;

  /**
   * @param name what the machine models, for messages and tests ("CSV Default", "JSON lines")
   * @param startState the state at a file's first byte (after any byte-order mark)
   * @param faultState a sink state where the format's reader fails (a malformed CSV file), or
   *     {@link #NO_FAULT}; a file whose ranges reach it is read whole, as before
   * @param next the state after a byte: {@code next[state * 256 + (b & 0xFF)]}
   * @param startsUnit whether that byte, read in that state, is the first byte of a unit
   * @param endsCleanly per state, whether a file may end in it without the reader failing
   */
  public BoundaryMachine(
      String name,
      int startState,
      int faultState,
      int[] next,
      boolean[] startsUnit,
      boolean[] endsCleanly) {
    this.name = name;
    this.stateCount = endsCleanly.length;
    if (next.length != stateCount * 256 || startsUnit.length != stateCount * 256) {
      throw new IllegalArgumentException("tables must have 256 entries per state");
    }
    for (int n : next) {
      if (n < 0 || n >= stateCount) {
        throw new IllegalArgumentException("a transition leads to no state: " + n);
      }
    }
    this.startState = startState;
    this.faultState = faultState;
    this.next = next.clone();
    this.startsUnit = startsUnit.clone();
    this.endsCleanly = endsCleanly.clone();
  }

  public String name() {
    return name;
  }

  public int stateCount() {
    return stateCount;
  }

  public int startState() {
    return startState;
  }

  /** Whether {@code state} is the fault state: the file cannot be split exactly. */
  public boolean isFault(int state) {
    return state == faultState;
  }

  /** Whether a file may end in {@code state} without its reader failing. */
  public boolean endsCleanly(int state) {
    return endsCleanly[state];
  }

  /** The state after byte {@code b} read in {@code state}. */
  public int next(int state, byte b) {
    return next[(state << 8) | (b & 0xFF)];
  }

  /** Whether byte {@code b}, read in {@code state}, is the first byte of a unit. */
  public boolean startsUnit(int state, byte b) {
    return startsUnit[(state << 8) | (b & 0xFF)];
  }

  /** The transition table itself, for a scanner's inner loop: {@code [state * 256 + byte]}. */
  int[] nextTable() {
    return next;
  }

  /** The unit-start table itself, for a scanner's inner loop: {@code [state * 256 + byte]}. */
  boolean[] startsUnitTable() {
    return startsUnit;
  }

  @Override
  public String toString() {
    return "BoundaryMachine{" + name + ", " + stateCount + " states}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BoundaryMachine m
        && startState == m.startState
        && faultState == m.faultState
        && Arrays.equals(next, m.next)
        && Arrays.equals(startsUnit, m.startsUnit)
        && Arrays.equals(endsCleanly, m.endsCleanly);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(next);
  }
}
