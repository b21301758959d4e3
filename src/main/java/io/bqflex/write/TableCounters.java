package io.bqflex.write;

import io.bqflex.core.RecordCounters;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;

/**
 * The rows handed to the writer per routed table ({@link RecordCounters#TABLES_NAMESPACE}), counted
 * by the step that names each row's table.
 *
 * <p>Each instance gives its own counter to the first {@link #MAX_TABLE_COUNTERS} tables it sees
 * and counts the rest together under {@link RecordCounters#OTHER_TABLES}: the Dataflow monitoring
 * UI shows every counter a job has, and a template that forms a table per customer would bury the
 * catalog's own under them. Not thread-safe: one per DoFn instance.
 */
public final class TableCounters {
  static final int MAX_TABLE_COUNTERS = 100;

  private final Map<String, Counter> counters = new HashMap<>();

  /** Counts one row for {@code table}, whatever partition of it its name's decorator names. */
  public void count(String table) {
    counterFor(DecoratedTable.baseOf(table)).inc();
  }

  private Counter counterFor(String table) {
    Counter counter = counters.get(table);
    if (counter != null) {
      return counter;
    }
    if (counters.size() >= MAX_TABLE_COUNTERS) {
      return RecordCounters.tableCounter(RecordCounters.OTHER_TABLES);
    }
    counter = RecordCounters.tableCounter(table);
    counters.put(table, counter);
    return counter;
  }
}
