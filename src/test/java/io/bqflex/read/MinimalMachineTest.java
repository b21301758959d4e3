package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinimalMachineTest {

  @Test
  void mergesStatesThatNoBytesTellApart() {
    // Lines ending at LF, with "inside a line" split in two states that alternate.
    int[] next = new int[3 * 256];
    boolean[] starts = new boolean[3 * 256];
    for (int b = 0; b < 256; b++) {
      next[b] = b == '\n' ? 0 : 1;
      next[256 + b] = b == '\n' ? 0 : 2;
      next[512 + b] = b == '\n' ? 0 : 1;
      starts[b] = true;
    }
    BoundaryMachine split =
        new BoundaryMachine("lines", 0, BoundaryMachine.NO_FAULT, next, starts, allTrue(3));
    assertEquals(LineBoundaries.atLineFeeds(), MinimalMachine.of(split));
  }

  @Test
  void keepsAMinimalMachineAsItIs() {
    assertEquals(LineBoundaries.atAnyLineEnd(), MinimalMachine.of(LineBoundaries.atAnyLineEnd()));
  }

  @Test
  void dropsStatesTheStartCannotReach() {
    // State 1 is a fault no byte leads to.
    int[] next = new int[2 * 256];
    Arrays.fill(next, 256, 512, 1);
    boolean[] starts = new boolean[2 * 256];
    BoundaryMachine machine =
        new BoundaryMachine("unreachable", 0, 1, next, starts, new boolean[] {true, false});
    BoundaryMachine minimal = MinimalMachine.of(machine);
    assertEquals(1, minimal.stateCount());
    assertTrue(!minimal.isFault(0) && minimal.endsCleanly(0));
  }

  @Test
  void findsWhatTheMachineFindsOnRandomMachines() {
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      BoundaryMachine machine = randomMachine(random);
      BoundaryMachine minimal = MinimalMachine.of(machine);
      assertTrue(minimal.stateCount() <= machine.stateCount(), "seed " + seed);
      for (int trial = 0; trial < 20; trial++) {
        byte[] bytes = new byte[random.nextInt(30)];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) random.nextInt(3);
        }
        assertEquals(outcome(machine, bytes), outcome(minimal, bytes), "seed " + seed);
      }
    }
  }

  /** Unit starts, then whether the run faulted and whether it may end where it stopped. */
  private static List<Object> outcome(BoundaryMachine machine, byte[] bytes) {
    List<Object> outcome = new ArrayList<>();
    int state = machine.startState();
    boolean fault = false;
    for (int i = 0; i < bytes.length; i++) {
      if (machine.startsUnit(state, bytes[i])) {
        outcome.add(i);
      }
      state = machine.next(state, bytes[i]);
      fault |= machine.isFault(state);
    }
    outcome.add(fault);
    outcome.add(machine.endsCleanly(state));
    return outcome;
  }

  /** Few states, with only bytes 0..2 told apart, so that many states are alike. */
  private static BoundaryMachine randomMachine(Random random) {
    int states = 2 + random.nextInt(7);
    int fault = random.nextBoolean() ? states - 1 : BoundaryMachine.NO_FAULT;
    int[] next = new int[states * 256];
    boolean[] starts = new boolean[states * 256];
    boolean[] ends = new boolean[states];
    for (int s = 0; s < states; s++) {
      ends[s] = s != fault && random.nextInt(4) != 0;
      for (int b = 0; b < 256; b++) {
        int like = Math.min(b, 2);
        next[s * 256 + b] =
            s == fault ? fault : b == like ? random.nextInt(states) : next[s * 256 + like];
        starts[s * 256 + b] =
            s != fault && (b == like ? random.nextInt(3) == 0 : starts[s * 256 + like]);
      }
    }
    return new BoundaryMachine("random", 0, fault, next, starts, ends);
  }

  private static boolean[] allTrue(int n) {
    boolean[] values = new boolean[n];
    Arrays.fill(values, true);
    return values;
  }
}
