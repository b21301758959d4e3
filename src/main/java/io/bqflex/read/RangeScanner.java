package io.bqflex.read;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs a {@link BoundaryMachine} over one range's bytes from every state at once, giving the
 * range's {@link RangeSummary}.
 *
 * <p>One track per start state would cost a pass per state. But runs from different states meet
 * within a few bytes (after any line feed, for lines; at the first line end outside quotes, for
 * CSV), and from there on they are one run: so tracks merge when they reach the same state at the
 * same byte, each start state keeping what it counted before the merge, and most of a range is
 * scanned by one or two tracks.
 *
 * <p>This scan is a full pass over a file's bytes before its records are read, so it is built for
 * speed: most bytes are quiet in the tracks' states (they neither change a state nor start a unit:
 * all but LF inside a line), and {@link StopBytes} finds the others 8 bytes at a time; only those
 * are looked up, in one table packing the next state with the unit start. RangeScannerTest checks
 * every such shortcut against one plain run per start state; RangeScanBenchmark measures it.
 */
public final class RangeScanner {
  private static final int BUFFER_SIZE = 64 * 1024;

  // The machine's tables packed into one: (next state << 1) | (1 if the byte starts a unit), at
  // [state << 8 | byte]: one load per byte and track instead of two.
  private final int[] steps;
  private final StopBytes stops;

  // Live tracks: slots 0..liveTracks-1.
  private final int[] trackState;
  private final long[] trackUnits;
  private final long[] trackFirstUnit;
  private final boolean[] trackHasWaiting;
  private int liveTracks;

  // Per start state: its track, units counted apart from the track, its own first unit start
  // (-1 until known), and whether it waits for its track's next unit to learn its first.
  private final int[] originTrack;
  private final long[] originUnitOffset;
  private final long[] originFirstUnit;
  private final boolean[] originWaiting;

  // Which track reached a state at the current byte: stamps against a byte counter.
  private final long[] stateStamp;
  private final int[] stateOwner;

  private RangeScanner(BoundaryMachine machine) {
    int states = machine.stateCount();
    this.steps = packedSteps(machine);
    this.stops = new StopBytes(machine);
    this.trackState = new int[states];
    this.trackUnits = new long[states];
    this.trackFirstUnit = new long[states];
    this.trackHasWaiting = new boolean[states];
    this.originTrack = new int[states];
    this.originUnitOffset = new long[states];
    this.originFirstUnit = new long[states];
    this.originWaiting = new boolean[states];
    this.stateStamp = new long[states];
    this.stateOwner = new int[states];
    for (int s = 0; s < states; s++) {
      trackState[s] = s;
      trackFirstUnit[s] = -1;
      originTrack[s] = s;
      originFirstUnit[s] = -1;
      stateStamp[s] = -1;
    }
    this.liveTracks = states;
  }

  private static int[] packedSteps(BoundaryMachine machine) {
    int[] next = machine.nextTable();
    boolean[] startsUnit = machine.startsUnitTable();
    int[] steps = new int[next.length];
    for (int at = 0; at < next.length; at++) {
      steps[at] = next[at] << 1 | (startsUnit[at] ? 1 : 0);
    }
    return steps;
  }

  /**
   * The summary of {@code range} under {@code machine}; {@code bytes} gives the file's bytes from
   * {@link ByteRange#scanFrom()} on, and is read up to {@link ByteRange#end()} only.
   */
  public static RangeSummary scan(BoundaryMachine machine, ByteRange range, InputStream bytes)
      throws IOException {
    long from = range.scanFrom();
    if (from >= range.end()) {
      return RangeSummary.empty(range, machine.stateCount());
    }
    RangeScanner scanner = new RangeScanner(machine);
    byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, range.end() - from)];
    long position = from;
    while (position < range.end()) {
      int wanted = (int) Math.min(buffer.length, range.end() - position);
      int got = bytes.read(buffer, 0, wanted);
      if (got < 0) {
        throw new IOException(
            range.file()
                + " ended at byte "
                + position
                + ", before its range's end "
                + range.end()
                + ": the file changed while it was read");
      }
      scanner.scan(buffer, got, position);
      position += got;
    }
    return scanner.summary(range);
  }

  /**
   * Bytes that are quiet in every live track's state (see {@link StopBytes}) change nothing, so
   * each loop looks up only the bytes that may be stops; the one- and two-track loops, where a
   * range spends nearly all its bytes, keep their states in locals.
   */
  private void scan(byte[] buffer, int length, long position) {
    int i = 0;
    while (i < length) {
      switch (liveTracks) {
        case 1 -> i = scanOneTrack(buffer, i, length, position);
        case 2 -> i = scanTwoTracks(buffer, i, length, position);
        default -> i = scanTracks(buffer, i, length, position);
      }
    }
  }

  /** The common case, once every start state's run has met: one state through the bytes. */
  private int scanOneTrack(byte[] buffer, int from, int length, long position) {
    int state = trackState[0];
    int i = stops.firstStop(buffer, from, length, state);
    while (i < length) {
      int step = steps[(state << 8) | (buffer[i] & 0xFF)];
      if ((step & 1) != 0) {
        unitStarts(0, position + i);
      }
      state = step >>> 1;
      i = stops.firstStop(buffer, i + 1, length, state);
    }
    trackState[0] = state;
    return length;
  }

  /**
   * Two tracks, until they meet: a CSV machine's runs in and out of quotes never do, and go on to
   * the range's end side by side.
   */
  private int scanTwoTracks(byte[] buffer, int from, int length, long position) {
    int state = trackState[0];
    int other = trackState[1];
    int i = stops.firstStop(buffer, from, length, state, other);
    while (i < length) {
      int b = buffer[i] & 0xFF;
      int step = steps[(state << 8) | b];
      int otherStep = steps[(other << 8) | b];
      if ((step & 1) != 0) {
        unitStarts(0, position + i);
      }
      if ((otherStep & 1) != 0) {
        unitStarts(1, position + i);
      }
      state = step >>> 1;
      other = otherStep >>> 1;
      i++;
      if (state == other) {
        trackState[0] = state;
        trackState[1] = other;
        mergeInto(0, 1);
        return i;
      }
      i = stops.firstStop(buffer, i, length, state, other);
    }
    trackState[0] = state;
    trackState[1] = other;
    return length;
  }

  /** More than two tracks: the first bytes of a range, before most start states' runs have met. */
  private int scanTracks(byte[] buffer, int from, int length, long position) {
    int i = from;
    while (liveTracks > 2) {
      i = stops.firstStop(buffer, i, length, trackState, liveTracks);
      if (i == length) {
        break;
      }
      stepAll(buffer[i], position + i);
      i++;
    }
    return i;
  }

  private void stepAll(byte b, long position) {
    for (int t = 0; t < liveTracks; t++) {
      int step = steps[(trackState[t] << 8) | (b & 0xFF)];
      if ((step & 1) != 0) {
        unitStarts(t, position);
      }
      trackState[t] = step >>> 1;
    }
    // Tracks that reached the same state go on as one.
    for (int t = 0; t < liveTracks; t++) {
      int state = trackState[t];
      if (stateStamp[state] == position) {
        mergeInto(stateOwner[state], t);
        t--; // slot t now holds the track that was last
      } else {
        stateStamp[state] = position;
        stateOwner[state] = t;
      }
    }
  }

  /** A unit starts at {@code position} on {@code track}. */
  private void unitStarts(int track, long position) {
    if (trackFirstUnit[track] < 0) {
      trackFirstUnit[track] = position;
    }
    resolveWaiting(track, position);
    trackUnits[track]++;
  }

  private void resolveWaiting(int track, long position) {
    if (!trackHasWaiting[track]) {
      return;
    }
    for (int o = 0; o < originTrack.length; o++) {
      if (originTrack[o] == track && originWaiting[o]) {
        originFirstUnit[o] = position;
        originWaiting[o] = false;
      }
    }
    trackHasWaiting[track] = false;
  }

  /** Track {@code gone} ends here; its start states follow {@code kept} from now on. */
  private void mergeInto(int kept, int gone) {
    for (int o = 0; o < originTrack.length; o++) {
      if (originTrack[o] != gone) {
        continue;
      }
      originUnitOffset[o] += trackUnits[gone] - trackUnits[kept];
      if (originFirstUnit[o] < 0 && !originWaiting[o]) {
        // A start state that rode its own track since the range's start knows its first unit from
        // that track; one with none yet takes the kept track's next.
        originFirstUnit[o] = trackFirstUnit[gone];
      }
      if (originFirstUnit[o] < 0) {
        originWaiting[o] = true;
        trackHasWaiting[kept] = true;
      }
      originTrack[o] = kept;
    }
    int last = --liveTracks;
    if (gone != last) {
      trackState[gone] = trackState[last];
      trackUnits[gone] = trackUnits[last];
      trackFirstUnit[gone] = trackFirstUnit[last];
      trackHasWaiting[gone] = trackHasWaiting[last];
      for (int o = 0; o < originTrack.length; o++) {
        if (originTrack[o] == last) {
          originTrack[o] = gone;
        }
      }
    }
  }

  private RangeSummary summary(ByteRange range) {
    int states = originTrack.length;
    int[] endState = new int[states];
    long[] firstUnitStart = new long[states];
    long[] unitCount = new long[states];
    for (int o = 0; o < states; o++) {
      int t = originTrack[o];
      endState[o] = trackState[t];
      unitCount[o] = trackUnits[t] + originUnitOffset[o];
      boolean ownTrack = originFirstUnit[o] < 0 && !originWaiting[o];
      firstUnitStart[o] = ownTrack ? trackFirstUnit[t] : originFirstUnit[o];
    }
    return new RangeSummary(range, endState, firstUnitStart, unitCount);
  }
}
