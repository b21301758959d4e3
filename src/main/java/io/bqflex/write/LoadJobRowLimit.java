package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import java.io.Serializable;

/**
 * Refuses, before the load, a row whose line in BigQueryIO's temporary JSON file would exceed a
 * load job's row size limit: one such row would fail the whole load job, every good row with it.
 *
 * <p>Measuring a row's JSON costs a serialization, so only rows that could be over the limit are
 * measured: a row's JSON is a small multiple of its record's payload (at most 6 bytes per
 * character, for a control character written as {@code \u0001}; canonical dates and times a few
 * times their shortest input), so a record under an eighth of the limit is passed unmeasured.
 */
public final class LoadJobRowLimit implements Serializable {
  /**
   * BigQuery's limit on a JSON row in a load job, "Maximum row size: 100 MB"
   * (https://cloud.google.com/bigquery/quotas#load_jobs), read as decimal megabytes: the smaller
   * reading, so no row the load job could refuse gets through.
   */
  static final long JSON_ROW_LIMIT_BYTES = 100_000_000L;

  /** A row's JSON is at most this many times its payload's characters (see the class comment). */
  private static final long MAX_EXPANSION = 8;

  private final long limitBytes;

  /**
   * @param limitBytes the largest line, newline included, a load job takes
   */
  LoadJobRowLimit(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  long limitBytes() {
    return limitBytes;
  }

  /** The limit of the load jobs BigQueryIO runs on {@code FILE_LOADS}: they load JSON files. */
  static LoadJobRowLimit forJsonLoads() {
    return new LoadJobRowLimit(JSON_ROW_LIMIT_BYTES);
  }

  /**
   * @throws RecordException (WRITE) naming the limit when {@code row}, converted from {@code
   *     record}, is too large for a load job
   */
  public void check(SourceRecord record, TableRow row) throws RecordException {
    if (record.payloadSizeBound() * MAX_EXPANSION <= limitBytes) {
      return;
    }
    check(row);
  }

  /**
   * As {@link #check(SourceRecord, TableRow)} for a row converted from typed values (an Avro or
   * Parquet record), which have no payload text to bound the row's JSON by: the row itself is
   * walked for a bound ({@link RowJsonSize#upperBound}), and measured only when that bound is over
   * the limit.
   */
  public void check(TableRow row) throws RecordException {
    if (RowJsonSize.upperBound(row) <= limitBytes) {
      return;
    }
    long size = encodedSize(row);
    if (size > limitBytes) {
      throw new RecordException(
          Stage.WRITE,
          String.format(
              "the row's JSON in the load job's file is %,d bytes, over BigQuery's row size limit"
                  + " for JSON load jobs (%,d bytes)",
              size, limitBytes));
    }
  }

  /** The bytes of the row's line as BigQueryIO's TableRowWriter writes it, newline included. */
  static long encodedSize(TableRow row) {
    return RowJsonSize.lineBytes(row);
  }
}
