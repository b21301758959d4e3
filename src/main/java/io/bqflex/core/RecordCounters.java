package io.bqflex.core;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The catalog's record counters, shown in the Dataflow monitoring UI and in the local run's
 * summary.
 *
 * <p>Every template keeps one invariant: {@code read + files cut short = written + dead-lettered +
 * filtered}. Readers count {@link #READ}; the conversion counts {@link #WRITTEN} when it hands a
 * row to the BigQuery writer and {@link #FILTERED} when a UDF drops a record; the dead-letter
 * writer counts {@link #DEAD_LETTERED}, one per dead-letter row. A row BigQuery rejects at write
 * time moves from written to dead-lettered. A file that breaks off (a truncated gzip) leaves one
 * dead-letter row for its unread rest, which is no record: the file reader counts it as {@link
 * #FILES_CUT_SHORT}, not as read.
 *
 * <p>Two counters say how the file reader shared out its work, outside the invariant: {@link
 * #FILES_SPLIT}, files read in ranges by many workers, and {@link #FILES_SPREAD}, large files read
 * whole (compressed, or in a format that does not split) whose records went on to many workers.
 */
public final class RecordCounters {
  public static final String NAMESPACE = "bqflex";
  public static final String READ = "records_read";
  public static final String WRITTEN = "records_written";
  public static final String DEAD_LETTERED = "records_dead_lettered";
  public static final String FILTERED = "records_filtered";
  public static final String FILES_CUT_SHORT = "files_cut_short";
  public static final String FILES_SPLIT = "files_split";
  public static final String FILES_SPREAD = "files_spread";

  /**
   * Rows handed to the writer per table, when a template forms each row's table from it: one
   * counter per table, named by the table ({@code project:dataset.table}).
   */
  public static final String TABLES_NAMESPACE = "bqflex.tables";

  /** The counter of the rows of tables beyond those that have a counter of their own. */
  public static final String OTHER_TABLES = "(other tables)";

  private RecordCounters() {}

  /** The counter of rows handed to the writer for {@code table}. */
  public static Counter tableCounter(String table) {
    return Metrics.counter(TABLES_NAMESPACE, table);
  }

  public static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }
}
