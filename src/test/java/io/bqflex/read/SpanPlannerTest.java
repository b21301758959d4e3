package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.junit.jupiter.api.Test;

/**
 * The planner on hand-made summaries of a toy machine: states 0 and 1 end cleanly, 2 does not (an
 * open quote), 3 is the fault state. Each summary gives, per start state, {end state, first unit
 * start, unit count}; the planner must follow only the chain from state 0.
 */
class SpanPlannerTest {
  private static final String FILE = "f";
  private static final int STATES = 4;
  private static final int UNCLEAN = 2;
  private static final int FAULT = 3;
  private static final BoundaryMachine MACHINE = toyMachine();

  @Test
  void chainsEachRangeFromTheStateThePreviousOneEndedIn() {
    List<RangeSummary> summaries =
        List.of(
            // From state 0 the first range ends in 1; from 1 it would end in 0.
            summary(0, 0, 10, row(1, 0, 2), row(0, 5, 1), row(2, -1, 0), row(3, -1, 0)),
            // Read from state 1 (the true one): 3 units from byte 12; from 0 it would be 1 from 15.
            summary(1, 10, 20, row(0, 15, 1), row(0, 12, 3), row(2, -1, 0), row(3, -1, 0)));

    assertEquals(
        List.of(RecordSpan.of(FILE, 0, 1, 2), RecordSpan.of(FILE, 12, 3, 3)),
        SpanPlanner.plan(FILE, MACHINE, summaries));
  }

  @Test
  void takesRangesInFileOrderWhateverOrderTheyCameIn() {
    List<RangeSummary> inOrder = threeRanges();
    List<RangeSummary> shuffled = List.of(inOrder.get(2), inOrder.get(0), inOrder.get(1));

    assertEquals(
        SpanPlanner.plan(FILE, MACHINE, inOrder), SpanPlanner.plan(FILE, MACHINE, shuffled));
  }

  @Test
  void rangeWhereNoUnitStartsGivesNoSpanAndNumbersGoOnAfterIt() {
    assertEquals(
        List.of(RecordSpan.of(FILE, 0, 1, 4), RecordSpan.of(FILE, 25, 5, 2)),
        SpanPlanner.plan(FILE, MACHINE, threeRanges()));
  }

  @Test
  void numbersEverySpanAsAWholeFileReadNumbersItsUnits() {
    List<RangeSummary> summaries = new ArrayList<>();
    for (int index = 0; index < 5; index++) {
      long start = index * 100L;
      summaries.add(
          summary(
              index,
              start,
              start + 100,
              row(0, start + 1, index + 1),
              row(0, -1, 0),
              row(2, -1, 0),
              row(3, -1, 0)));
    }

    List<RecordSpan> spans = SpanPlanner.plan(FILE, MACHINE, summaries);

    assertEquals(
        List.of(1L, 2L, 4L, 7L, 11L), spans.stream().map(RecordSpan::firstNumber).toList());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), spans.stream().map(RecordSpan::count).toList());
    assertEquals(
        List.of(1L, 101L, 201L, 301L, 401L), spans.stream().map(RecordSpan::startByte).toList());
  }

  @Test
  void emptyFileHasNoSpans() {
    ByteRange only = ByteRange.split(FILE, 0, 0, 64).get(0);

    assertEquals(
        List.of(), SpanPlanner.plan(FILE, MACHINE, List.of(RangeSummary.empty(only, STATES))));
  }

  @Test
  void fileWhoseChainReachesTheFaultIsReadWhole() {
    List<RangeSummary> summaries =
        List.of(
            summary(0, 0, 10, row(0, 0, 2), row(0, -1, 0), row(2, -1, 0), row(3, -1, 0)),
            summary(1, 10, 20, row(FAULT, 11, 1), row(0, 12, 1), row(2, -1, 0), row(3, -1, 0)),
            summary(2, 20, 30, row(0, 21, 1), row(0, 21, 1), row(0, 21, 1), row(3, -1, 0)));

    assertEquals(wholeFile(), SpanPlanner.plan(FILE, MACHINE, summaries));
  }

  @Test
  void faultOffTheTrueChainDoesNotStopTheSplit() {
    List<RangeSummary> summaries =
        List.of(
            summary(0, 0, 10, row(0, 0, 2), row(FAULT, 3, 1), row(FAULT, -1, 0), row(3, -1, 0)));

    assertEquals(List.of(RecordSpan.of(FILE, 0, 1, 2)), SpanPlanner.plan(FILE, MACHINE, summaries));
  }

  @Test
  void fileEndingInAStateItCannotEndInIsReadWhole() {
    List<RangeSummary> summaries =
        List.of(
            summary(0, 0, 10, row(0, 0, 2), row(0, -1, 0), row(2, -1, 0), row(3, -1, 0)),
            summary(1, 10, 20, row(UNCLEAN, 11, 1), row(0, 12, 1), row(2, -1, 0), row(3, -1, 0)));

    assertEquals(wholeFile(), SpanPlanner.plan(FILE, MACHINE, summaries));
  }

  /** 4 units in the first range, none in the second (from the true state 1), 2 in the third. */
  private static List<RangeSummary> threeRanges() {
    return List.of(
        summary(0, 0, 10, row(1, 0, 4), row(0, -1, 0), row(2, -1, 0), row(3, -1, 0)),
        summary(1, 10, 20, row(0, 12, 1), row(0, -1, 0), row(2, -1, 0), row(3, -1, 0)),
        summary(2, 20, 30, row(0, 25, 2), row(1, 22, 3), row(2, -1, 0), row(3, -1, 0)));
  }

  private static List<RecordSpan> wholeFile() {
    return List.of(RecordSpan.whole(FILE, Compression.UNCOMPRESSED, false));
  }

  /** What a range does from one start state: {end state, first unit start, unit count}. */
  private static long[] row(long endState, long firstUnitStart, long unitCount) {
    return new long[] {endState, firstUnitStart, unitCount};
  }

  private static RangeSummary summary(int index, long start, long end, long[]... perState) {
    ByteRange range = new ByteRange(FILE, 30, 0, index, start, end);
    int[] endState = new int[STATES];
    long[] first = new long[STATES];
    long[] count = new long[STATES];
    for (int s = 0; s < STATES; s++) {
      endState[s] = (int) perState[s][0];
      first[s] = perState[s][1];
      count[s] = perState[s][2];
    }
    return new RangeSummary(range, endState, first, count);
  }

  private static BoundaryMachine toyMachine() {
    boolean[] ends = {true, true, false, true};
    // The planner reads only the start state, the fault and the clean ends; the tables are filler.
    int[] next = new int[STATES * 256];
    Arrays.fill(next, FAULT);
    return new BoundaryMachine("toy", 0, FAULT, next, new boolean[STATES * 256], ends);
  }
}
