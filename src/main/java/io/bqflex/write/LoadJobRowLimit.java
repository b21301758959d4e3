package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import io.bqflex.rows.BigQuerySchemas;
import java.io.Serializable;

/**
 * Refuses, before the load, a row whose line in BigQueryIO's temporary JSON file, or whose record
 * in its temporary Avro file ({@link OutputRowFormat#loadsAvroFiles}), would exceed a load job's
 * limit: one such row would fail the whole load job, every good row with it.
 *
 * <p>Measuring a row's JSON costs a serialization, so only rows that could be over the limit are
 * measured: a row's JSON is a small multiple of its record's payload (at most 6 bytes per
 * character, for a control character written as {@code \u0001}; canonical dates and times a few
 * times their shortest input), so a record under an eighth of the limit is passed unmeasured. An
 * Avro record is bounded and measured the same two ways, by {@link AvroRowSize}, against the
 * smaller limit of an Avro file's data block.
 */
public final class LoadJobRowLimit implements Serializable {
  /**
   * BigQuery's limit on a JSON row in a load job, "Maximum row size: 100 MB"
   * (https://cloud.google.com/bigquery/quotas#load_jobs), read as decimal megabytes: the smaller
   * reading, so no row the load job could refuse gets through.
   */
  static final long JSON_ROW_LIMIT_BYTES = 100_000_000L;

  /**
   * BigQuery's limit on an Avro file's data block, "Avro: Maximum size for file data blocks: 16 MB"
   * (https://cloud.google.com/bigquery/quotas#load_jobs), read as 16,000,000 bytes, less the
   * records the block may hold before this one: Avro's DataFileWriter, as BigQueryIO's
   * AvroRowWriter uses it, ends a block once it holds 64,000 bytes (the default sync interval).
   * (The Avro loading page's own guideline, rows of 50 MB at most, is the looser one.)
   */
  static final long AVRO_ROW_LIMIT_BYTES = 16_000_000L - 64_000L;

  /** A row's JSON is at most this many times its payload's characters (see the class comment). */
  private static final long MAX_EXPANSION = 8;

  private final long limitBytes;

  /** The output table's schema when the load files are Avro; null when they are JSON. */
  private final String avroTableSchemaJson;

  private transient AvroRowSize avroSize;

  /**
   * @param limitBytes the largest line, newline included, a JSON load job takes
   */
  LoadJobRowLimit(long limitBytes) {
    this(limitBytes, null);
  }

  private LoadJobRowLimit(long limitBytes, String avroTableSchemaJson) {
    this.limitBytes = limitBytes;
    this.avroTableSchemaJson = avroTableSchemaJson;
  }

  long limitBytes() {
    return limitBytes;
  }

  /** The limit of load jobs that load BigQueryIO's JSON files. */
  static LoadJobRowLimit forJsonLoads() {
    return new LoadJobRowLimit(JSON_ROW_LIMIT_BYTES);
  }

  /** The limit of load jobs that load BigQueryIO's Avro files of a table of {@code schemaJson}. */
  static LoadJobRowLimit forAvroLoads(String schemaJson) {
    return forAvroLoads(schemaJson, AVRO_ROW_LIMIT_BYTES);
  }

  static LoadJobRowLimit forAvroLoads(String schemaJson, long limitBytes) {
    return new LoadJobRowLimit(limitBytes, schemaJson);
  }

  /**
   * @throws RecordException (WRITE) naming the limit when {@code row}, converted from {@code
   *     record}, is too large for a load job
   */
  public void check(SourceRecord record, TableRow row) throws RecordException {
    boolean small =
        avroTableSchemaJson == null
            ? record.payloadSizeBound() * MAX_EXPANSION <= limitBytes
            : avroSize().cannotExceed(record.payloadSizeBound(), limitBytes);
    if (small) {
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
    if (avroTableSchemaJson != null) {
      checkAvro(row);
      return;
    }
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

  private void checkAvro(TableRow row) throws RecordException {
    AvroRowSize avro = avroSize();
    if (avro.upperBound(row) <= limitBytes) {
      return;
    }
    long size = avro.encodedSize(row);
    if (size > limitBytes) {
      throw new RecordException(
          Stage.WRITE,
          String.format(
              "the row's record in the load job's Avro file is %,d bytes, over the %,d bytes that"
                  + " keep its data block within BigQuery's 16 MB limit for Avro load jobs",
              size, limitBytes));
    }
  }

  private AvroRowSize avroSize() {
    if (avroSize == null) {
      avroSize =
          AvroRowSize.forLoadFiles(BigQuerySchemas.parse(avroTableSchemaJson, "output schema"));
    }
    return avroSize;
  }
}
