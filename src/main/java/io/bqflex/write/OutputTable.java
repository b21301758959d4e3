package io.bqflex.write;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.BigQuerySchemas;

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
    TableSchema schema = OutputSchema.resolve(options, tableParameter, table);
    return new OutputTable(
        schema, WriteSettings.of(options, tableParameter, table, BigQuerySchemas.toJson(schema)));
  }
}
