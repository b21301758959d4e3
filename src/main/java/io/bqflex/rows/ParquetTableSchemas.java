package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableSchema;
import org.apache.parquet.schema.MessageType;

/** The BigQuery table schema a load job makes of a Parquet file's schema. */
public final class ParquetTableSchemas {
  // STUB: the parquet-types branch writes this class.
  private ParquetTableSchemas() {}

  /**
   * @throws IllegalArgumentException naming the column BigQuery cannot load (or that we refuse) and
   *     why
   */
  public static TableSchema toTableSchema(MessageType parquet, ParquetOptions options) {
    throw new UnsupportedOperationException("stub");
  }
}
