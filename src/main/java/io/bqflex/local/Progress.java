package io.bqflex.local;

import io.bqflex.pipeline.RecordCounts;
import java.io.PrintStream;

/** Progress lines of a local run: counts so far and the rate since the start. */
final class Progress {
  private final PrintStream out;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();

  Progress(PrintStream out) {
    this.out = out;
    // On a terminal one line is redrawn in place; in a log each report is its own line.
    this.terminal = System.console() != null;
  }

  void report(RecordCounts counts) {
    String line =
        String.format(
            "  %,d read · %,d written · %,d dead-lettered · %,d filtered · %,.0f records/s",
            counts.read(),
            counts.written(),
            counts.recordsDeadLettered(),
            counts.filtered(),
            perSecond(counts.read()));
    if (terminal) {
      out.print("\r" + line);
    } else {
      out.println(line);
    }
    out.flush();
  }

  void finish() {
    if (terminal) {
      out.println();
    }
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  double perSecond(long records) {
    double seconds = elapsedSeconds();
    return seconds <= 0 ? 0 : records / seconds;
  }
}
