package io.bqflex.read;

import java.util.List;

/**
 * Chains one file's {@link RangeSummary range summaries} in file order from the machine's start
 * state, giving each range its true start, and so the records each worker reads: one {@link
 * RecordSpan} per range in which a unit starts, numbered as a whole-file read numbers them. A file
 * whose true chain reaches the machine's fault state, or ends in a state it cannot end in (a CSV
 * quote left open), is one whole-file span instead: its reader then reports the fault as before.
 */
public final class SpanPlanner {
  private SpanPlanner() {}

  /**
   * The spans of {@code file}, whose ranges' summaries are {@code summaries} (any order; all of the
   * file's ranges).
   */
  public static List<RecordSpan> plan(
      String file, BoundaryMachine machine, List<RangeSummary> summaries) {
    throw new UnsupportedOperationException("TODO: split-lines branch");
  }
}
