package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import org.apache.avro.generic.GenericRecord;

/** Avro records → rows of a BigQuery schema, by BigQuery's documented Avro conversion. */
public final class AvroRowConverter implements TypedRowConverter<GenericRecord> {
  private static final long serialVersionUID = 1L;

  // STUB: the avro-types branch writes this class.
  /**
   * @param schema the table schema: derived from the files' Avro schema, or a {@code JSONPath} file
   * @param ignoreUnknownValues whether Avro fields the schema lacks are dropped rather than refused
   */
  public AvroRowConverter(
      TableSchema schema, DecimalTargetTypes decimals, boolean ignoreUnknownValues) {}

  @Override
  public TableRow toRow(GenericRecord record) throws RecordException {
    throw new UnsupportedOperationException("stub");
  }
}
