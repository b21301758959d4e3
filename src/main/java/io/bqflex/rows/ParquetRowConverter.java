package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import org.apache.parquet.example.data.Group;

/**
 * Parquet rows (as parquet-column's example {@link Group}, which carries its file's schema) → rows
 * of a BigQuery schema, by BigQuery's documented Parquet conversion.
 */
public final class ParquetRowConverter implements TypedRowConverter<Group> {
  private static final long serialVersionUID = 1L;

  // STUB: the parquet-types branch writes this class.
  public ParquetRowConverter(
      TableSchema schema, ParquetOptions options, boolean ignoreUnknownValues) {}

  @Override
  public TableRow toRow(Group row) throws RecordException {
    throw new UnsupportedOperationException("stub");
  }
}
