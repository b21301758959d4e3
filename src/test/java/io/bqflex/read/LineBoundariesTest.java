package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where the two line machines start lines on hand-written texts, read from the file's start, and
 * the same starts found when the text is cut into two ranges at every byte (a CR LF cut in two, a
 * range starting just after a CR).
 */
class LineBoundariesTest {
  private static final BoundaryMachine LF_LINES = LineBoundaries.atLineFeeds();
  private static final BoundaryMachine ANY_LINES = LineBoundaries.atAnyLineEnd();

  @Test
  void lineFeedsStartTheNextLine() throws IOException {
    assertLineStarts(LF_LINES, "ab\ncd\n", 0, 3);
    assertLineStarts(ANY_LINES, "ab\ncd\n", 0, 3);
  }

  @Test
  void crLfIsOneLineEnd() throws IOException {
    assertLineStarts(LF_LINES, "ab\r\ncd\r\n", 0, 4);
    assertLineStarts(ANY_LINES, "ab\r\ncd\r\n", 0, 4);
  }

  @Test
  void loneCrEndsALineOnlyWhereAnyLineEndCounts() throws IOException {
    assertLineStarts(LF_LINES, "ab\rcd\ref", 0);
    assertLineStarts(ANY_LINES, "ab\rcd\ref", 0, 3, 6);
  }

  @Test
  void crCrLfIsABlankLineBetweenTwoEndsWhereAnyLineEndCounts() throws IOException {
    assertLineStarts(LF_LINES, "a\r\r\nb", 0, 4);
    assertLineStarts(ANY_LINES, "a\r\r\nb", 0, 2, 4);
  }

  @Test
  void blankLinesAreLines() throws IOException {
    assertLineStarts(LF_LINES, "a\n\n\nb\n", 0, 2, 3, 4);
    assertLineStarts(ANY_LINES, "a\n\r\n\rb", 0, 2, 4, 5);
  }

  @Test
  void textStartingWithLineEndsStartsWithBlankLines() throws IOException {
    assertLineStarts(LF_LINES, "\n\nx", 0, 1, 2);
    assertLineStarts(ANY_LINES, "\r\r\nx", 0, 1, 3);
  }

  @Test
  void lastLineWithoutLineEndIsALine() throws IOException {
    assertLineStarts(LF_LINES, "ab\ncd", 0, 3);
    assertLineStarts(ANY_LINES, "ab\rcd", 0, 3);
  }

  @Test
  void noLineStartsInAnEmptyText() throws IOException {
    assertLineStarts(LF_LINES, "");
    assertLineStarts(ANY_LINES, "");
  }

  @Test
  void anyBytePastAnEndStartsALine() throws IOException {
    // Bytes that are not ASCII are line bytes like any other.
    byte[] text = {(byte) 0xC3, (byte) 0xA9, '\n', (byte) 0xFF, '\r', (byte) 0x80};
    assertEquals(List.of(0L, 3L), lineStarts(LF_LINES, text));
    assertEquals(List.of(0L, 3L, 5L), lineStarts(ANY_LINES, text));
  }

  /**
   * The machine's line starts from the file's start, and, cut at every byte into two ranges, the
   * planner's spans start each range's lines where the whole run starts them.
   */
  private static void assertLineStarts(BoundaryMachine machine, String text, long... expected)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Long> starts = new ArrayList<>();
    for (long start : expected) {
      starts.add(start);
    }
    assertEquals(starts, lineStarts(machine, bytes), machine.name());
    for (int cut = 0; cut <= bytes.length; cut++) {
      assertEquals(
          spansCutAt(starts, cut), plannedCutAt(machine, bytes, cut), machine + ", cut at " + cut);
    }
  }

  /** Line starts of a run from the machine's start state over the whole text. */
  private static List<Long> lineStarts(BoundaryMachine machine, byte[] bytes) {
    List<Long> starts = new ArrayList<>();
    int state = machine.startState();
    for (int i = 0; i < bytes.length; i++) {
      if (machine.startsUnit(state, bytes[i])) {
        starts.add((long) i);
      }
      state = machine.next(state, bytes[i]);
    }
    return starts;
  }

  /** The spans expected for ranges [0, cut) and [cut, end): each range's own lines, numbered on. */
  private static List<RecordSpan> spansCutAt(List<Long> starts, int cut) {
    List<Long> before = starts.stream().filter(s -> s < cut).toList();
    List<Long> after = starts.stream().filter(s -> s >= cut).toList();
    List<RecordSpan> spans = new ArrayList<>();
    if (!before.isEmpty()) {
      spans.add(RecordSpan.of("f", before.get(0), 1, before.size()));
    }
    if (!after.isEmpty()) {
      spans.add(RecordSpan.of("f", after.get(0), before.size() + 1, after.size()));
    }
    return spans;
  }

  private static List<RecordSpan> plannedCutAt(BoundaryMachine machine, byte[] bytes, int cut)
      throws IOException {
    List<RangeSummary> summaries = new ArrayList<>();
    long[][] bounds = {{0, cut}, {cut, bytes.length}};
    for (int index = 0; index < 2; index++) {
      long start = bounds[index][0];
      ByteRange range = new ByteRange("f", bytes.length, 0, index, start, bounds[index][1]);
      ByteArrayInputStream in = new ByteArrayInputStream(bytes);
      in.skipNBytes(start);
      summaries.add(RangeScanner.scan(machine, range, in));
    }
    return SpanPlanner.plan("f", machine, summaries);
  }
}
