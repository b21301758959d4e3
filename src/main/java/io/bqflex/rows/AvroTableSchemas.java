package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableSchema;
import org.apache.avro.Schema;

/** The BigQuery table schema a load job makes of an Avro writer schema, with logical types on. */
public final class AvroTableSchemas {
  // STUB: the avro-types branch writes this class.
  private AvroTableSchemas() {}

  /**
   * @param avro a record schema (an Avro file's writer schema)
   * @throws IllegalArgumentException naming the field BigQuery cannot load and why
   */
  public static TableSchema toTableSchema(Schema avro, DecimalTargetTypes decimals) {
    throw new UnsupportedOperationException("stub");
  }
}
