package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner's summary is what running the machine from each start state alone gives, on seeded
 * random machines and bytes: the guard for every shortcut the scanner takes (merged tracks, quiet
 * bytes skipped a word at a time, the one- and two-track loops). More seeds with {@code
 * -Dsplit.seeds=N}.
 */
class RangeScannerTest {
  private static final int SEEDS = Integer.getInteger("split.seeds", 400);

  /** Past the scanner's 64 KiB buffer, so runs cross its edge. */
  private static final int LONG_RANGE = 150_000;

  @Test
  void mergedTracksGiveWhatEachStartStateGivesAlone() throws IOException {
    for (long seed = 1; seed <= SEEDS; seed++) {
      Random random = new Random(seed);
      BoundaryMachine machine = randomMachine(random, 1 + random.nextInt(5), 0);
      byte[] bytes = randomBytes(random, random.nextInt(200), 4);
      assertScansLikeEachStateAlone(machine, bytes, random, "seed " + seed);
    }
  }

  @Test
  void quietMachinesGiveWhatEachStartStateGivesAlone() throws IOException {
    // Machines where most bytes leave most states as they are, as real formats' machines do, and
    // a sink state at times: the scanner skips such bytes, even a word at a time.
    for (long seed = 1; seed <= SEEDS; seed++) {
      Random random = new Random(seed);
      // Now and then more states than StopBytes keeps a table of state pairs for.
      int states = seed % 25 == 0 ? 33 + random.nextInt(8) : 1 + random.nextInt(12);
      BoundaryMachine machine = randomMachine(random, states, random.nextInt(7));
      int length = seed % 10 == 0 ? random.nextInt(LONG_RANGE) : random.nextInt(2_000);
      byte[] bytes = quietBytes(random, length);
      assertScansLikeEachStateAlone(machine, bytes, random, "seed " + seed);
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

  private static void assertScansLikeEachStateAlone(
      BoundaryMachine machine, byte[] bytes, Random random, String message) throws IOException {
    long start = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    long bodyStart = random.nextInt(8) == 0 ? random.nextInt(4) : 0;
    ByteRange range = new ByteRange("f", bytes.length, bodyStart, 0, start, bytes.length);
    InputStream in =
        random.nextBoolean()
            ? new ShortReads(bytes, random.nextLong())
            : new ByteArrayInputStream(bytes);
    in.skipNBytes(range.scanFrom());
    RangeSummary summary = RangeScanner.scan(machine, range, in);
    RangeSummary alone = eachStateAlone(machine, range, bytes);
    message += ", " + machine + ", " + (bytes.length - start) + " bytes";
    assertArrayEquals(alone.endState(), summary.endState(), message);
    assertArrayEquals(alone.unitCount(), summary.unitCount(), message);
    assertArrayEquals(alone.firstUnitStart(), summary.firstUnitStart(), message);
  }

  /**
   * A machine whose transitions are random for {@code loud} bytes of each state and, for the other
   * bytes, stay in the state without starting a unit (all random when {@code loud} is 0). One state
   * in three of such machines is a sink: a fault state, at times.
   */
  private static BoundaryMachine randomMachine(Random random, int states, int loud) {
    int[] next = new int[states * 256];
    boolean[] starts = new boolean[states * 256];
    int sink = loud > 0 && random.nextInt(3) == 0 ? random.nextInt(states) : -1;
    boolean sinkStartsUnits = random.nextBoolean();
    for (int state = 0; state < states; state++) {
      for (int b = 0; b < 256; b++) {
        int at = state * 256 + b;
        boolean quiet = loud > 0 && (state == sink || !isLoud(b, loud));
        next[at] = quiet ? state : random.nextInt(states);
        starts[at] =
            state == sink
                ? sinkStartsUnits && random.nextInt(8) == 0
                : !quiet && random.nextInt(3) == 0;
      }
    }
    boolean[] ends = new boolean[states];
    Arrays.fill(ends, true);
    int fault = sink >= 0 && random.nextBoolean() ? sink : BoundaryMachine.NO_FAULT;
    return new BoundaryMachine("random", 0, fault, next, starts, ends);
  }

  /** The bytes that may change a quiet machine's state: a few, both below and above 0x80. */
  private static boolean isLoud(int b, int loud) {
    return LOUD_BYTES.substring(0, loud).indexOf((char) b) >= 0;
  }

  private static final String LOUD_BYTES = "\n\"\u0080,\r\u00ff\u0000";

  /** Mostly quiet bytes, in runs, with loud ones here and there. */
  private static byte[] quietBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    int loudEvery = 1 + random.nextInt(random.nextBoolean() ? 8 : 400);
    for (int i = 0; i < length; i++) {
      bytes[i] =
          random.nextInt(loudEvery) == 0
              ? (byte) LOUD_BYTES.charAt(random.nextInt(LOUD_BYTES.length()))
              : (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static byte[] randomBytes(Random random, int length, int alphabet) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(alphabet);
    }
    return bytes;
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

  /** A stream that gives its bytes in reads of random sizes, as a network stream may. */
  private static final class ShortReads extends ByteArrayInputStream {
    private final Random random;

    ShortReads(byte[] bytes, long seed) {
      super(bytes);
      this.random = new Random(seed);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, len == 0 ? 0 : 1 + random.nextInt(len));
    }
  }
}
