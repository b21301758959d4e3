package io.bqflex.write;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.core.TextFiles;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.DataSchema;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;

/**
 * The schema rows are converted against: the {@code JSONPath} file when given, otherwise the schema
 * the input files carry (for self-describing formats, see {@link DataSchema}) or else the schema of
 * the existing output table; read once when the pipeline is built.
 */
public final class OutputSchema {
  private OutputSchema() {}

  /**
   * @param tableParameter the template's name for its output-table parameter, for error messages
   * @param table that parameter's value
   */
  public static TableSchema resolve(
      BigQueryOutputOptions options, String tableParameter, String table) {
    return resolve(options, tableParameter, table, null);
  }

  /**
   * As {@link #resolve(BigQueryOutputOptions, String, String)}, with the files' own schema in place
   * of the existing table's when {@code JSONPath} is not given.
   *
   * @param fromData the input files' schema; null for formats that carry none
   */
  public static TableSchema resolve(
      BigQueryOutputOptions options, String tableParameter, String table, DataSchema fromData) {
    String path = options.getJSONPath();
    boolean fromFile = path != null && !path.isBlank();
    String schemaParameter = fromFile ? "JSONPath" : tableParameter;
    if (!fromFile && fromData == null && routesRows(options)) {
      throw new InvalidParameterException(
          "JSONPath",
          "is needed with "
              + routingParameter(options)
              + ": the rows' tables are named row by row, so there is no one existing table to"
              + " take the schema from; give the schema every table is written with");
    }
    TableSchema schema;
    try {
      schema =
          fromFile
              ? BigQuerySchemas.parse(TextFiles.readAll(path), path)
              // The table's schema passes the same checks as a file's, and comes out normalized.
              : fromData != null
                  ? BigQuerySchemas.parse(
                      BigQuerySchemas.toJson(fromData.read()), "the input files' schema")
                  : BigQuerySchemas.parse(
                      BigQuerySchemas.toJson(existingTableSchema(options, tableParameter, table)),
                      "table " + table);
    } catch (InvalidParameterException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(schemaParameter, e.getMessage(), e);
    }
    StorageWriteApiTypes.check(options, schema, schemaParameter);
    return schema;
  }

  /**
   * Whether each routed table's own schema converts its rows: rows are routed, and neither {@code
   * JSONPath} nor the input files ({@code fromData}, may be null) give the schema. Only templates
   * whose records name their fields can do so ({@link WriteSettings#ofTablesOwnSchemas}); {@link
   * #resolve} refuses it for the others.
   */
  public static boolean tablesGiveSchemas(BigQueryOutputOptions options, DataSchema fromData) {
    String path = options.getJSONPath();
    return routesRows(options) && (path == null || path.isBlank()) && fromData == null;
  }

  /**
   * Whether each row's table is formed from it ({@code outputTableNameTemplate}, {@code
   * outputDatasetTemplate}).
   */
  public static boolean routesRows(BigQueryOutputOptions options) {
    return routingParameter(options) != null;
  }

  /** The parameter that forms each row's table from it, the table name's first; null for none. */
  private static String routingParameter(BigQueryOutputOptions options) {
    String tables = options.getOutputTableNameTemplate();
    if (tables != null && !tables.isBlank()) {
      return NameTemplate.TABLES_PARAMETER;
    }
    String datasets = options.getOutputDatasetTemplate();
    return datasets != null && !datasets.isBlank() ? NameTemplate.DATASETS_PARAMETER : null;
  }

  /**
   * Why the schema cannot be read on this machine without Google Cloud, as one line saying that the
   * checks against it run at launch; null when it is a local file (read by {@link #resolve}).
   */
  public static String notReadableHere(BigQueryOutputOptions options, String tableParameter) {
    return notReadableHere(options, tableParameter, null);
  }

  /**
   * As {@link #notReadableHere(BigQueryOutputOptions, String)}, for files with their own schema.
   */
  public static String notReadableHere(
      BigQueryOutputOptions options, String tableParameter, DataSchema fromData) {
    String path = options.getJSONPath();
    if ((path == null || path.isBlank()) && fromData != null) {
      return fromData.notReadableHere();
    }
    if ((path == null || path.isBlank()) && routesRows(options)) {
      return null; // resolve refuses it: nothing to read at launch either
    }
    if (path == null || path.isBlank()) {
      return "JSONPath: not given, so the schema is the existing "
          + tableParameter
          + "'s, read at launch; "
          + CHECKS_AGAINST_IT
          + " run then";
    }
    if (REMOTE.matcher(path).lookingAt() && !path.startsWith("file:")) {
      return "JSONPath: "
          + path
          + " is not a local file, so it is read at launch; "
          + CHECKS_AGAINST_IT
          + " run then";
    }
    return null;
  }

  private static final Pattern REMOTE = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://");

  private static final String CHECKS_AGAINST_IT =
      "the checks against it (partitioning and clustering columns, column types)";

  private static TableSchema existingTableSchema(
      BigQueryOutputOptions options, String tableParameter, String table) {
    Table existing;
    try (DatasetService datasets = BigQueryServicesOverride.datasetService(options)) {
      // A partition shares its table's schema: read the table's.
      existing = datasets.getTable(BigQueryHelpers.parseTableSpec(DecoratedTable.baseOf(table)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the schema of " + table, e);
    } catch (Exception e) {
      throw new InvalidParameterException(
          tableParameter,
          "could not read the schema of table " + table + " (" + e.getMessage() + ")",
          e);
    }
    if (existing == null || existing.getSchema() == null) {
      throw new InvalidParameterException(
          "JSONPath",
          "table "
              + table
              + " does not exist, so its schema cannot be read: give JSONPath=<schema file>");
    }
    return existing.getSchema();
  }
}
