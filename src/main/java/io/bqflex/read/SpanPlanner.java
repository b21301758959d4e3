package io.bqflex.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.Compression;

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
   * file's ranges). No spans for a file in which no unit starts (an empty file).
   */
  public static List<RecordSpan> plan(
      String file, BoundaryMachine machine, List<RangeSummary> summaries) {
    List<RangeSummary> inOrder = new ArrayList<>(summaries);
    inOrder.sort(Comparator.comparingInt(s -> s.range().index()));
    List<RecordSpan> spans = new ArrayList<>();
    int state = machine.startState();
    long nextNumber = 1;
    for (RangeSummary summary : inOrder) {
      long units = summary.unitCount()[state];
      if (units > 0) {
        spans.add(RecordSpan.of(file, summary.firstUnitStart()[state], nextNumber, units));
        nextNumber += units;
      }
      state = summary.endState()[state];
      if (machine.isFault(state)) {
        return wholeFile(file);
      }
    }
    return machine.endsCleanly(state) ? spans : wholeFile(file);
  }

  private static List<RecordSpan> wholeFile(String file) {
    return List.of(RecordSpan.whole(file, Compression.UNCOMPRESSED, false));
  }
}
