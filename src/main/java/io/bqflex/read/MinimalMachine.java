package io.bqflex.read;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest {@link BoundaryMachine} that finds the same units as a given one: states the start
 * state cannot reach are dropped, and states that no byte sequence tells apart (same unit starts,
 * same clean ends, same fault, from there on) are merged, by Moore's partition refinement. Fewer
 * states means fewer tracks for {@link RangeScanner} at each range's start.
 */
final class MinimalMachine {
  private MinimalMachine() {}

  static BoundaryMachine of(BoundaryMachine machine) {
    int[] reachable = reachableStates(machine);
    int[] block = initialBlocks(machine, reachable);
    int blocks;
    do {
      blocks = count(block);
      block = refine(machine, reachable, block);
    } while (count(block) != blocks);
    return rebuild(machine, reachable, block, blocks);
  }

  /** The states reachable from the start state, the start state first, in the order met. */
  private static int[] reachableStates(BoundaryMachine machine) {
    boolean[] seen = new boolean[machine.stateCount()];
    int[] order = new int[machine.stateCount()];
    int found = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(machine.startState()));
    seen[machine.startState()] = true;
    while (!queue.isEmpty()) {
      int state = queue.poll();
      order[found++] = state;
      for (int b = 0; b < 256; b++) {
        int to = machine.next(state, (byte) b);
        if (!seen[to]) {
          seen[to] = true;
          queue.add(to);
        }
      }
    }
    return Arrays.copyOf(order, found);
  }

  /** Blocks by what a state shows at once: clean end, fault, and which bytes start a unit. */
  private static int[] initialBlocks(BoundaryMachine machine, int[] states) {
    Map<List<Object>, Integer> numbers = new HashMap<>();
    int[] block = new int[states.length];
    for (int i = 0; i < states.length; i++) {
      int state = states[i];
      boolean[] starts = new boolean[256];
      for (int b = 0; b < 256; b++) {
        starts[b] = machine.startsUnit(state, (byte) b);
      }
      List<Object> signature =
          List.of(machine.endsCleanly(state), machine.isFault(state), Arrays.toString(starts));
      block[i] = numbers.computeIfAbsent(signature, k -> numbers.size());
    }
    return block;
  }

  /** Splits each block by the blocks its states go to, byte by byte. */
  private static int[] refine(BoundaryMachine machine, int[] states, int[] block) {
    int[] index = indexOf(machine, states);
    Map<List<Integer>, Integer> numbers = new HashMap<>();
    int[] refined = new int[states.length];
    for (int i = 0; i < states.length; i++) {
      Integer[] signature = new Integer[257];
      signature[256] = block[i];
      for (int b = 0; b < 256; b++) {
        signature[b] = block[index[machine.next(states[i], (byte) b)]];
      }
      refined[i] = numbers.computeIfAbsent(List.of(signature), k -> numbers.size());
    }
    return refined;
  }

  private static BoundaryMachine rebuild(
      BoundaryMachine machine, int[] states, int[] block, int blocks) {
    int[] index = indexOf(machine, states);
    int[] next = new int[blocks * 256];
    boolean[] startsUnit = new boolean[blocks * 256];
    boolean[] endsCleanly = new boolean[blocks];
    int fault = BoundaryMachine.NO_FAULT;
    for (int i = 0; i < states.length; i++) {
      int state = states[i];
      int to = block[i];
      endsCleanly[to] = machine.endsCleanly(state);
      if (machine.isFault(state)) {
        fault = to;
      }
      for (int b = 0; b < 256; b++) {
        next[to * 256 + b] = block[index[machine.next(state, (byte) b)]];
        startsUnit[to * 256 + b] = machine.startsUnit(state, (byte) b);
      }
    }
    // The start state was met first, so its block is 0.
    return new BoundaryMachine(machine.name(), block[0], fault, next, startsUnit, endsCleanly);
  }

  /** Position in {@code states} of each original state (-1 for unreachable ones). */
  private static int[] indexOf(BoundaryMachine machine, int[] states) {
    int[] index = new int[machine.stateCount()];
    Arrays.fill(index, -1);
    for (int i = 0; i < states.length; i++) {
      index[states[i]] = i;
    }
    return index;
  }

  private static int count(int[] block) {
    return Arrays.stream(block).max().orElse(-1) + 1;
  }
}
