package io.bqflex.write;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;

/**
 * Reads a table and replaces its schema: the one BigQuery call Beam's dataset service lacks
 * (tables.patch, https://cloud.google.com/bigquery/docs/reference/rest/v2/tables/patch); or makes
 * it with the schema when it does not exist yet. BigQuery itself on Dataflow ({@link
 * BigQuerySchemaPatches}), Beam's in-process BigQuery in local runs and tests ({@link
 * InProcessSchemaPatches}); {@link BigQueryServicesOverride#schemaPatches} chooses.
 */
public interface TableSchemaPatches {

  /** The table as it is now, with its etag; null when it does not exist. */
  Table table(TableReference ref) throws IOException, InterruptedException;

  /**
   * Replaces the table's schema with {@code schema}, unless the table changed since it was read
   * with {@code etag} (null: whatever it is now).
   *
   * @return false when the table changed since, and nothing was replaced
   */
  boolean replaceSchema(TableReference ref, TableSchema schema, String etag)
      throws IOException, InterruptedException;

  /**
   * Creates {@code table} (tables.insert), for a streaming job whose records bring columns before
   * any row has made the table.
   *
   * @return false when it exists already, made by someone else in between, and nothing was created
   */
  boolean createTable(Table table) throws IOException, InterruptedException;
}
