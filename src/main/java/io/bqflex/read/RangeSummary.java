package io.bqflex.read;

import java.io.Serializable;

/**
 * What one range's bytes do to a format's {@link BoundaryMachine}, for every state the range could
 * start in: the state it ends in, where its first unit starts (an absolute byte position, -1 when
 * no unit starts in it) and how many units start in it. A few numbers per state, however large the
 * range: the planner chains them in file order ({@link SpanPlanner}).
 */
public record RangeSummary(ByteRange range, int[] endState, long[] firstUnitStart, long[] unitCount)
    implements Serializable {

  /** The summary of a range with no bytes to scan: every state stays as it is. */
  public static RangeSummary empty(ByteRange range, int stateCount) {
    int[] end = new int[stateCount];
    long[] first = new long[stateCount];
    for (int s = 0; s < stateCount; s++) {
      end[s] = s;
      first[s] = -1;
    }
    return new RangeSummary(range, end, first, new long[stateCount]);
  }
}
