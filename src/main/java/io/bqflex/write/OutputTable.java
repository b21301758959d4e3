package io.bqflex.write;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.DataSchema;

/** The table a template writes: its schema, and how the writer writes it. */
public record OutputTable(TableSchema schema, WriteSettings settings) {

  /**
   * The output table {@code table}, the value of the template's parameter {@code tableParameter},
   * with the schema the options name.
   *
   * @throws InvalidParameterException naming the parameter at fault
   */
  public static OutputTable resolve(
      BigQueryOutputOptions options, String tableParameter, String table) {
    return resolve(options, tableParameter, table, null);
  }

  /**
   * As {@link #resolve(BigQueryOutputOptions, String, String)}, for input files that carry their
   * own schema ({@code fromData}), which stands in for the existing table's when {@code JSONPath}
   * is not given.
   */
  /**
   * As {@link #resolve(BigQueryOutputOptions, String, String)}, for a template whose records name
   * their fields (JSON): where rows are routed without {@code JSONPath}, each table's own schema
   * converts its rows ({@link WriteSettings#ofTablesOwnSchemas}), and there is no one {@link
   * #schema()} (null).
   */
  public static OutputTable resolveAllowingTablesOwnSchemas(
      BigQueryOutputOptions options, String tableParameter, String table) {
    return OutputSchema.tablesGiveSchemas(options, null)
        ? new OutputTable(null, WriteSettings.ofTablesOwnSchemas(options, tableParameter, table))
        : resolve(options, tableParameter, table);
  }

  public static OutputTable resolve(
      BigQueryOutputOptions options, String tableParameter, String table, DataSchema fromData) {
    TableSchema schema = OutputSchema.resolve(options, tableParameter, table, fromData);
    return new OutputTable(
        schema, WriteSettings.of(options, tableParameter, table, BigQuerySchemas.toJson(schema)));
  }
}
