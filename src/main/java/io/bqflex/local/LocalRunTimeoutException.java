package io.bqflex.local;

import io.bqflex.core.RecordCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A streaming local run that did not account for every record in time. Its tables and summary are
 * written all the same; the message says what the run was still waiting for.
 */
public class LocalRunTimeoutException extends RuntimeException {
  public LocalRunTimeoutException(
      Duration limit, RecordCounts counts, Map<String, Long> tableRows, Path dir) {
    super(
        String.format(
            "stopped after %d s with %,d records read and %,d accounted for, waiting for every"
                + " record to be read, reach its end and show in its table (%s); tables and"
                + " summary.json written to %s; raise --timeout or check the pipeline's log",
            limit.toSeconds(),
            counts.read(),
            counts.accountedFor(),
            tablesAgainstCounts(counts, tableRows),
            dir));
  }

  /** "my-project:shop.orders holds 7 of 8 rows counted as written, ..._error_records 6 of 6". */
  private static String tablesAgainstCounts(RecordCounts counts, Map<String, Long> tableRows) {
    long[] counted = {counts.written(), counts.deadLettered()};
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (Map.Entry<String, Long> table : tableRows.entrySet()) {
      out.append(i == 0 ? "" : ", ")
          .append(table.getKey())
          .append(" holds ")
          .append(String.format("%,d", table.getValue()))
          .append(" of ")
          .append(String.format("%,d", i < counted.length ? counted[i] : 0))
          .append(i == 0 ? " rows counted as written" : " counted as dead-lettered");
      i++;
    }
    return out.toString();
  }
}
