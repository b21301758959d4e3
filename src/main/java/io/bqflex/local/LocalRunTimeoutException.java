package io.bqflex.local;

import io.bqflex.core.RecordCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A streaming local run that did not account for every record in time. Its tables and summary are
 * written all the same; the message says what the run was still waiting for.
 */
public class LocalRunTimeoutException extends RuntimeException {
  /** Tables named in the message; rows routed to many tables name the first ones. */
  private static final int SHOWN_TABLES = 5;

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

  /**
   * "my-project:shop.orders holds 7 of 8 rows counted as written, ..._error_records holds 6 of 6
   * counted as dead-lettered": the tables rows are written to, then the dead-letter table, last.
   */
  private static String tablesAgainstCounts(RecordCounts counts, Map<String, Long> tableRows) {
    List<String> names = new ArrayList<>(tableRows.keySet());
    if (names.isEmpty()) {
      return "";
    }
    String deadLetters = names.remove(names.size() - 1);
    long written = names.stream().mapToLong(tableRows::get).sum();
    String shown =
        names.size() <= SHOWN_TABLES
            ? String.join(", ", names)
            : String.join(", ", names.subList(0, SHOWN_TABLES))
                + " and "
                + (names.size() - SHOWN_TABLES)
                + " more tables";
    return String.format(
        "%s %s %,d of %,d rows counted as written, %s holds %,d of %,d counted as dead-lettered",
        shown,
        names.size() == 1 ? "holds" : "hold",
        written,
        counts.written(),
        deadLetters,
        tableRows.get(deadLetters),
        counts.deadLettered());
  }
}
