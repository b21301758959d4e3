package io.bqflex.rows;

import java.io.Serializable;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * BigQuery's CSV load options that decide what a record's columns mean, under BigQuery's names
 * (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-csv):
 *
 * <ul>
 *   <li>{@code nullMarker} / {@code nullMarkers}: the texts that mean NULL. Unset, BigQuery's
 *       default applies: an empty column is NULL. We read an unquoted empty column as NULL and a
 *       quoted one ({@code ""}) as an empty STRING or BYTES value (NULL in columns of other types).
 *       Set, only the markers are NULL, and an empty column is an empty STRING or BYTES value and
 *       an error in columns of any other type, as BigQuery's reference says for {@code nullMarker}.
 *   <li>{@code allowJaggedRows}: a record missing trailing columns has NULL in them.
 *   <li>{@code ignoreUnknownValues}: extra trailing columns are dropped.
 * </ul>
 */
public final class CsvLoadOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Null for BigQuery's default null marker (the empty string). */
  private final List<String> nullMarkers;

  final boolean allowJaggedRows;
  final boolean ignoreUnknownValues;

  /**
   * @param nullMarkers the texts that mean NULL, or null for BigQuery's default (empty is NULL)
   */
  public CsvLoadOptions(
      List<String> nullMarkers, boolean allowJaggedRows, boolean ignoreUnknownValues) {
    this.nullMarkers = nullMarkers == null ? null : List.copyOf(nullMarkers);
    this.allowJaggedRows = allowJaggedRows;
    this.ignoreUnknownValues = ignoreUnknownValues;
  }

  /** BigQuery's defaults: empty is NULL, the column count must match the schema. */
  public static CsvLoadOptions defaults() {
    return new CsvLoadOptions(null, false, false);
  }

  /**
   * The format to parse each record with. Under the default null marker an unquoted empty column
   * must stay apart from a quoted empty one: Commons CSV returns null for the first and "" for the
   * second only in a strict quote mode, which changes nothing else when parsing. A format with a
   * null string of its own (MySQL's {@code \N}) keeps its rules: that string is NULL, and an empty
   * column is an empty value.
   */
  public CSVFormat recordFormat(CSVFormat fileFormat) {
    if (nullMarkers != null || fileFormat.getNullString() != null) {
      return fileFormat;
    }
    return fileFormat.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();
  }

  boolean hasNullMarkers() {
    return nullMarkers != null;
  }

  boolean isNullMarker(String column) {
    return nullMarkers != null && nullMarkers.contains(column);
  }
}
