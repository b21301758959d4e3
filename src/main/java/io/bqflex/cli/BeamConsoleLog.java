package io.bqflex.cli;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What of Beam's (and Hadoop's) logging reaches the console of a command: warnings and errors, less
 * two warnings that are always false for our pipelines.
 */
final class BeamConsoleLog {
  /** Held so the settings are not garbage-collected with the loggers. */
  private static final Logger BEAM = Logger.getLogger("org.apache.beam");

  /**
   * Parquet's codecs are Hadoop's: Hadoop logs each codec it makes at INFO, and warns once that its
   * native library is missing, which is meant (the pure-Java codecs are the ones we ship).
   */
  private static final Logger HADOOP = Logger.getLogger("org.apache.hadoop");

  private static final Logger HADOOP_NATIVE =
      Logger.getLogger("org.apache.hadoop.util.NativeCodeLoader");

  private static final Logger BIGQUERY_IO =
      Logger.getLogger("org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO");

  /**
   * BigQueryIO warns on every FILE_LOADS write to a table with a JSON column that the TableRow
   * value must be a Jackson JsonNode, or the column loads as an escaped string. Our converter
   * always puts a JsonNode there (see BigQueryValues), so the warning would only send users looking
   * for a problem they do not have.
   */
  static final Filter JSON_COLUMN_WARNING =
      record ->
          record.getMessage() == null
              || !record.getMessage().startsWith("Found JSON type in TableSchema for 'FILE_LOADS'");

  private BeamConsoleLog() {}

  static void install() {
    // Beam logs every bundle, load job and commit at INFO: on a terminal that buries the progress
    // lines and the summary. Warnings and errors still show.
    BEAM.setLevel(Level.WARNING);
    BIGQUERY_IO.setFilter(JSON_COLUMN_WARNING);
    HADOOP.setLevel(Level.WARNING);
    HADOOP_NATIVE.setLevel(Level.SEVERE);
  }
}
