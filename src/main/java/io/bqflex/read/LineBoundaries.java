package io.bqflex.read;

/**
 * Where lines start, as {@link BoundaryMachine}s: one unit per line, blank lines included (the line
 * readers number every line, and skip blank ones only after numbering them).
 */
public final class LineBoundaries {
  private static final byte LF = '\n';
  private static final byte CR = '\r';

  // States shared by both machines: at a line's first byte, inside a line, just after a CR.
  private static final int LINE_START = 0;
  private static final int IN_LINE = 1;
  private static final int AFTER_CR = 2;

  private static final BoundaryMachine AT_LINE_FEEDS = atLineFeedsMachine();
  private static final BoundaryMachine AT_ANY_LINE_END = atAnyLineEndMachine();

  private LineBoundaries() {}

  /** Lines that end at LF (a CR before it belongs to the ending): {@link JsonLinesReader}'s. */
  public static BoundaryMachine atLineFeeds() {
    return AT_LINE_FEEDS;
  }

  /** Lines that end at LF, CR LF or a lone CR: {@link TextLinesReader}'s (Beam's TextIO's). */
  public static BoundaryMachine atAnyLineEnd() {
    return AT_ANY_LINE_END;
  }

  private static BoundaryMachine atLineFeedsMachine() {
    int states = 2;
    int[] next = new int[states * 256];
    boolean[] startsUnit = new boolean[states * 256];
    for (int state = 0; state < states; state++) {
      for (int b = 0; b < 256; b++) {
        next[state * 256 + b] = b == LF ? LINE_START : IN_LINE;
        startsUnit[state * 256 + b] = state == LINE_START;
      }
    }
    return new BoundaryMachine(
        "lines ending at LF", LINE_START, BoundaryMachine.NO_FAULT, next, startsUnit, ends(states));
  }

  private static BoundaryMachine atAnyLineEndMachine() {
    int states = 3;
    int[] next = new int[states * 256];
    boolean[] startsUnit = new boolean[states * 256];
    for (int state = 0; state < states; state++) {
      for (int b = 0; b < 256; b++) {
        int at = state * 256 + b;
        if (state == AFTER_CR && b == LF) {
          // CR LF is one line end: the LF starts nothing.
          next[at] = LINE_START;
          continue;
        }
        // After a lone CR the line has ended, so any other byte starts the next one.
        startsUnit[at] = state == LINE_START || state == AFTER_CR;
        next[at] = b == LF ? LINE_START : b == CR ? AFTER_CR : IN_LINE;
      }
    }
    return new BoundaryMachine(
        "lines ending at LF, CR LF or CR",
        LINE_START,
        BoundaryMachine.NO_FAULT,
        next,
        startsUnit,
        ends(states));
  }

  private static boolean[] ends(int states) {
    boolean[] ends = new boolean[states];
    java.util.Arrays.fill(ends, true);
    return ends;
  }
}
