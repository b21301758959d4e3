package io.bqflex.core;

/**
 * Where on its way to BigQuery a record failed; written to the dead-letter table's {@code stage}.
 */
public enum Stage {
  /**
   * The source could not be read or decoded (a file's bytes invalid in its charset, a cut gzip).
   */
  READ,
  /**
   * The payload is not a record of the template's format (invalid JSON, wrong column count, a
   * message that is not UTF-8).
   */
  PARSE,
  /** The JavaScript UDF threw, timed out, or returned something other than a JSON object's text. */
  UDF,
  /** The record does not fit the BigQuery schema (type, range, REQUIRED, unknown field). */
  CONVERT,
  /**
   * The record's table could not be named: its name is formed from the record (a table-name
   * template), and a value it needs is missing or gives a name BigQuery refuses.
   */
  ROUTE,
  /**
   * BigQuery itself rejected the row at write time, or would have: a row over the write method's
   * size limit is refused before the write, since on a load job it would fail every row.
   */
  WRITE
}
