package io.bqflex.local;

import io.bqflex.core.RecordCounts;
import java.nio.file.Path;
import java.util.Map;

/** What a local run did: its end state, counters, time and the rows of each table. */
public record LocalRunResult(
    String templateId,
    String state,
    RecordCounts counts,
    double seconds,
    Map<String, Long> tableRows,
    Path dir) {

  /** Tables listed in the summary's lines; rows routed to many tables list the first ones. */
  static final int MAX_TABLES_SHOWN = 20;

  public double recordsPerSecond() {
    return seconds <= 0 ? 0 : counts.read() / seconds;
  }

  /** The few lines a person reads at the end of a run. */
  public String humanSummary() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%s %s in %.1f s: %,d records read (%,.0f/s)%n",
            templateId, state.toLowerCase(), seconds, counts.read(), recordsPerSecond()));
    out.append(
        String.format(
            "  %,d written, %,d dead-lettered, %,d filtered%s%n",
            counts.written(),
            counts.recordsDeadLettered(),
            counts.filtered(),
            counts.balanced() ? "" : "  (NOT BALANCED: some records are unaccounted for)"));
    if (counts.filesCutShort() > 0) {
      // Not records: each is one dead-letter row standing for a file's unread rest.
      out.append(
          String.format(
              "  %,d file%s cut short: the rest was not loaded (one dead letter each says where)%n",
              counts.filesCutShort(), counts.filesCutShort() == 1 ? "" : "s"));
    }
    if (counts.filesSplit() > 0 || counts.filesSpread() > 0) {
      out.append(
          String.format(
              "  %,d large file%s read in ranges by many workers, %,d read whole and spread%n",
              counts.filesSplit(), counts.filesSplit() == 1 ? "" : "s", counts.filesSpread()));
    }
    tableRows.entrySet().stream()
        .limit(MAX_TABLES_SHOWN)
        .forEach(t -> out.append(String.format("  %-50s %,d rows%n", t.getKey(), t.getValue())));
    if (tableRows.size() > MAX_TABLES_SHOWN) {
      out.append(
          String.format(
              "  ... and %,d more tables (every one in summary.json)%n",
              tableRows.size() - MAX_TABLES_SHOWN));
    }
    out.append("  tables and summary.json in ").append(dir).append(System.lineSeparator());
    if (counts.read() > 0 && counts.recordsDeadLettered() == counts.read()) {
      // Exit status 0 all the same: the job did its work; the data or the schema is wrong.
      out.append("  EVERY record was dead-lettered: the schema or the input's format likely does")
          .append(" not match the data; read errorMessage in the dead-letter table")
          .append(System.lineSeparator());
    } else if (counts.deadLettered() > 0) {
      out.append("  dead letters keep each record's payload, stage and errorMessage: fix the")
          .append(" input or the schema and run again")
          .append(System.lineSeparator());
    }
    return out.toString();
  }
}
