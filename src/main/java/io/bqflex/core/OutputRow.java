package io.bqflex.core;

import com.google.api.services.bigquery.model.TableRow;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A row converted against the BigQuery schema, with the record it came from: what the writer takes.
 *
 * <p>The record travels with its row so that a row BigQuery refuses at write time can still become
 * a dead letter with the original payload, message id and attributes, as a failure at any earlier
 * stage does. It costs nothing to carry on Dataflow, where conversion and BigQueryIO's first step
 * run fused; what reaches BigQueryIO's shuffle is only what the writer chooses to keep of it.
 *
 * <p>The record is null for a row read from a typed file (Avro, Parquet): such a record has no
 * payload until it is re-encoded, which would cost every row, so its row carries only where it came
 * from ({@link #source()}, {@link #recordNumber()}).
 *
 * <p>A routed row may carry the table it goes to ({@link #table()}), where the conversion named it
 * from what the row no longer holds (the record's own fields).
 */
@DefaultCoder(OutputRowCoder.class)
public final class OutputRow {
  private final TableRow row;
  private final SourceRecord record;
  private final String source;
  private final long recordNumber;
  private final String table;

  private OutputRow(
      TableRow row, SourceRecord record, String source, long recordNumber, String table) {
    this.row = Objects.requireNonNull(row, "row");
    this.record = record;
    this.source = source;
    this.recordNumber = recordNumber;
    this.table = table;
  }

  /** The row converted from {@code record}; the UDF's output, if any, is not kept. */
  public static OutputRow of(TableRow row, SourceRecord record) {
    Objects.requireNonNull(record, "record");
    SourceRecord kept = record.udfOutput() == null ? record : record.withoutUdfOutput();
    return new OutputRow(row, kept, record.source(), record.recordNumber(), null);
  }

  /** The row of record {@code recordNumber} (1-based) of a typed file, without its payload. */
  public static OutputRow fromTypedFile(TableRow row, String source, long recordNumber) {
    return new OutputRow(row, null, source, recordNumber, null);
  }

  /** This row, going to {@code table} ({@code project:dataset.table}). */
  public OutputRow toTable(String table) {
    return new OutputRow(row, record, source, recordNumber, table);
  }

  /** The table this row goes to, where the step that made it named it; null otherwise. */
  public String table() {
    return table;
  }

  /** The row for BigQuery. */
  public TableRow row() {
    return row;
  }

  /** The record the row came from, payload included; null for a typed file's record. */
  public SourceRecord record() {
    return record;
  }

  /** The file, subscription or topic the record came from. */
  public String source() {
    return source;
  }

  /** The record's 1-based position in its file; 0 for a message. */
  public long recordNumber() {
    return recordNumber;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OutputRow)) {
      return false;
    }
    OutputRow that = (OutputRow) o;
    return recordNumber == that.recordNumber
        && row.equals(that.row)
        && Objects.equals(record, that.record)
        && Objects.equals(source, that.source)
        && Objects.equals(table, that.table);
  }

  @Override
  public int hashCode() {
    return Objects.hash(row, source, recordNumber);
  }

  @Override
  public String toString() {
    return "OutputRow{" + source + ":" + recordNumber + " " + row + "}";
  }
}
