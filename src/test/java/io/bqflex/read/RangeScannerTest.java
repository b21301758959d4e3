package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeScannerTest {

  @Test
  void mergedTracksGiveWhatEachStartStateGivesAlone() throws IOException {
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      BoundaryMachine machine = randomMachine(random);
      byte[] bytes = new byte[random.nextInt(200)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) random.nextInt(4);
      }
      long start = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      ByteRange range = new ByteRange("f", bytes.length, 0, 0, start, bytes.length);
      ByteArrayInputStream in = new ByteArrayInputStream(bytes);
      in.skipNBytes(start);
      RangeSummary summary = RangeScanner.scan(machine, range, in);
      RangeSummary alone = eachStateAlone(machine, range, bytes);
      assertArrayEquals(alone.endState(), summary.endState(), "seed " + seed);
      assertArrayEquals(alone.unitCount(), summary.unitCount(), "seed " + seed);
      assertArrayEquals(alone.firstUnitStart(), summary.firstUnitStart(), "seed " + seed);
    }
  }

  @Test
  void countsLinesFromEveryStartState() throws IOException {
    byte[] bytes = "ab\r\ncd\ref\n\ng".getBytes();
    ByteRange range = new ByteRange("f", bytes.length, 0, 0, 3, bytes.length);
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    in.skipNBytes(3);
    RangeSummary summary = RangeScanner.scan(LineBoundaries.atAnyLineEnd(), range, in);
    // From byte 3 (the LF of CR LF): after a CR the LF ends the line, so "cd" starts at 4.
    assertArrayEquals(new long[] {3, 4, 4}, summary.firstUnitStart());
    assertArrayEquals(new long[] {5, 4, 4}, summary.unitCount());
  }

  private static BoundaryMachine randomMachine(Random random) {
    int states = 1 + random.nextInt(5);
    int[] next = new int[states * 256];
    boolean[] starts = new boolean[states * 256];
    for (int i = 0; i < next.length; i++) {
      next[i] = random.nextInt(states);
      starts[i] = random.nextInt(3) == 0;
    }
    boolean[] ends = new boolean[states];
    Arrays.fill(ends, true);
    return new BoundaryMachine("random", 0, BoundaryMachine.NO_FAULT, next, starts, ends);
  }

  private static RangeSummary eachStateAlone(
      BoundaryMachine machine, ByteRange range, byte[] bytes) {
    int states = machine.stateCount();
    int[] end = new int[states];
    long[] first = new long[states];
    long[] count = new long[states];
    for (int s = 0; s < states; s++) {
      int state = s;
      first[s] = -1;
      for (long p = range.scanFrom(); p < range.end(); p++) {
        byte b = bytes[(int) p];
        if (machine.startsUnit(state, b)) {
          count[s]++;
          if (first[s] < 0) {
            first[s] = p;
          }
        }
        state = machine.next(state, b);
      }
      end[s] = state;
    }
    return new RangeSummary(range, end, first, count);
  }
}
