package io.bqflex.pipeline;

import io.bqflex.rows.NewColumns;
import org.apache.beam.sdk.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@code autoMapTables} did to a table, in the job's log and its columns_added counter. */
final class WideningReport {
  private static final Logger LOG = LoggerFactory.getLogger(WideningReport.class);

  private WideningReport() {}

  static void report(String table, NewColumns.Widening widening, Counter columnsAdded) {
    if (!widening.added().isEmpty()) {
      LOG.info(
          "bqflex: columns added to {} for fields of the records: {}", table, widening.added());
      columnsAdded.inc(widening.added().size());
    }
    widening
        .conflicts()
        .forEach(
            (field, conflict) ->
                LOG.warn("bqflex: {}: records disagree on field {}: {}", table, field, conflict));
  }
}
