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
 */
public final class RangeScanner {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final int[] next;
  private final boolean[] startsUnit;

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
    this.next = machine.nextTable();
    this.startsUnit = machine.startsUnitTable();
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

  private void scan(byte[] buffer, int length, long position) {
    int i = 0;
    while (i < length && liveTracks > 1) {
      stepAll(buffer[i], position + i);
      i++;
    }
    if (i < length) {
      scanOneTrack(buffer, i, length, position);
    }
  }

  /** The common case, once every start state's run has met: one state through the bytes. */
  private void scanOneTrack(byte[] buffer, int from, int length, long position) {
    int state = trackState[0];
    long units = trackUnits[0];
    long firstUnit = trackFirstUnit[0];
    for (int i = from; i < length; i++) {
      int at = (state << 8) | (buffer[i] & 0xFF);
      if (startsUnit[at]) {
        if (firstUnit < 0) {
          firstUnit = position + i;
        }
        resolveWaiting(0, position + i);
        units++;
      }
      state = next[at];
    }
    trackState[0] = state;
    trackUnits[0] = units;
    trackFirstUnit[0] = firstUnit;
  }

  private void stepAll(byte b, long position) {
    for (int t = 0; t < liveTracks; t++) {
      int at = (trackState[t] << 8) | (b & 0xFF);
      if (startsUnit[at]) {
        if (trackFirstUnit[t] < 0) {
          trackFirstUnit[t] = position;
        }
        resolveWaiting(t, position);
        trackUnits[t]++;
      }
      trackState[t] = next[at];
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
