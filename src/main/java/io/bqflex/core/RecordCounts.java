package io.bqflex.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The catalog's counters as read back from a pipeline result, for progress lines and summaries.
 *
 * @param deadLettered rows sent to the dead-letter table: the records dead-lettered plus one per
 *     file cut short
 * @param filesCutShort files that broke off, whose unread rest has one dead-letter row
 * @param filesSplit files read in byte ranges, shared by many workers
 * @param filesSpread large files read whole by one worker, whose records were then spread
 */
public record RecordCounts(
    long read,
    long written,
    long deadLettered,
    long filtered,
    long filesCutShort,
    long filesSplit,
    long filesSpread) {

  /** Record counts of a source that reads no files. */
  public RecordCounts(long read, long written, long deadLettered, long filtered) {
    this(read, written, deadLettered, filtered, 0, 0, 0);
  }

  /**
   * Reads the counters of a running or finished pipeline. Attempted values are used: they are what
   * a running pipeline can report, and on the DirectRunner they equal the committed ones at the
   * end.
   */
  public static RecordCounts of(PipelineResult result) {
    Map<String, Long> totals = totals(result, RecordCounters.NAMESPACE, new LinkedHashMap<>());
    return new RecordCounts(
        totals.getOrDefault(RecordCounters.READ, 0L),
        totals.getOrDefault(RecordCounters.WRITTEN, 0L),
        totals.getOrDefault(RecordCounters.DEAD_LETTERED, 0L),
        totals.getOrDefault(RecordCounters.FILTERED, 0L),
        totals.getOrDefault(RecordCounters.FILES_CUT_SHORT, 0L),
        totals.getOrDefault(RecordCounters.FILES_SPLIT, 0L),
        totals.getOrDefault(RecordCounters.FILES_SPREAD, 0L));
  }

  /**
   * Rows handed to the writer per table ({@code project:dataset.table}), by table name, when the
   * rows were routed to tables named from them ({@link RecordCounters#TABLES_NAMESPACE}); empty
   * when they were not.
   */
  public static Map<String, Long> perTable(PipelineResult result) {
    return totals(result, RecordCounters.TABLES_NAMESPACE, new TreeMap<>());
  }

  /** The counters of {@code namespace} by name, into {@code totals}. */
  private static Map<String, Long> totals(
      PipelineResult result, String namespace, Map<String, Long> totals) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(namespace))
                    .build());
    for (MetricResult<Long> counter : metrics.getCounters()) {
      Long value = counter.getAttempted();
      totals.merge(counter.getName().getName(), value == null ? 0L : value, Long::sum);
    }
    return totals;
  }

  /** Records (not files cut short) that went to the dead-letter table. */
  public long recordsDeadLettered() {
    return deadLettered - filesCutShort;
  }

  /** Records that have reached one of their three ends. */
  public long accountedFor() {
    return written + recordsDeadLettered() + filtered;
  }

  /** Whether every record read has reached exactly one end. */
  public boolean balanced() {
    return read == accountedFor();
  }
}
