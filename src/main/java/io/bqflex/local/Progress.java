package io.bqflex.local;

import io.bqflex.core.RecordCounts;
import java.io.PrintStream;
import java.util.List;

/**
 * Progress lines of a local run: the counts so far and the rate since the previous line (a running
 * average would hide a stall). Once a batch run has read and accounted for everything, its counters
 * stop while BigQueryIO loads the rows; the line then says so instead of looking stuck. In a log
 * (no terminal) a line that says the same as the one before is left out for half a minute, so a
 * long load does not fill the log with copies of one line.
 */
final class Progress {
  private final PrintStream out;
  private final boolean terminal;
  private final List<String> tables;
  private final boolean batch;
  private final long startNanos = System.nanoTime();
  private long lastNanos = startNanos;
  private RecordCounts last = new RecordCounts(0, 0, 0, 0);

  /** How long a log leaves out a line that repeats the previous one. */
  static final long REPEAT_AFTER_NANOS = 30_000_000_000L;

  private String lastLogged;
  private long lastLoggedNanos;

  /**
   * @param tables the output table, then the dead-letter table
   * @param batch whether the run ends by itself (a streaming run's counters also stop while it
   *     waits for messages, which is not a write)
   */
  Progress(PrintStream out, List<String> tables, boolean batch) {
    this.out = out;
    this.tables = tables;
    this.batch = batch;
    // On a terminal one line is redrawn in place; in a log each report is its own line.
    this.terminal = System.console() != null;
  }

  void report(RecordCounts counts) {
    report(counts, System.nanoTime());
  }

  void report(RecordCounts counts, long nowNanos) {
    String line = line(counts, nowNanos);
    if (terminal) {
      out.print("\r" + line);
    } else if (!line.equals(lastLogged) || nowNanos - lastLoggedNanos >= REPEAT_AFTER_NANOS) {
      out.println(line);
      lastLogged = line;
      lastLoggedNanos = nowNanos;
    }
    out.flush();
  }

  String line(RecordCounts counts, long nowNanos) {
    boolean writing = batch && counts.equals(last) && counts.read() > 0 && counts.balanced();
    double seconds = (nowNanos - lastNanos) / 1e9;
    double rate = seconds <= 0 ? 0 : (counts.read() - last.read()) / seconds;
    last = counts;
    lastNanos = nowNanos;
    if (writing) {
      return String.format(
          "  read everything (%,d records); writing %,d rows to %s and %,d to %s",
          counts.read(), counts.written(), tables.get(0), counts.deadLettered(), tables.get(1));
    }
    return String.format(
        "  %,d read · %,d written · %,d dead-lettered · %,d filtered · %,.0f records/s",
        counts.read(), counts.written(), counts.recordsDeadLettered(), counts.filtered(), rate);
  }

  void finish() {
    if (terminal) {
      out.println();
    }
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
