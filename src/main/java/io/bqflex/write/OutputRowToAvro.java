package io.bqflex.write;

import io.bqflex.core.OutputRow;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.gcp.bigquery.AvroWriteRequest;
import org.apache.beam.sdk.transforms.SerializableFunction;

/** BigQueryIO's Avro format function for the rows the templates write: {@link TableRowToAvro}. */
public final class OutputRowToAvro
    implements SerializableFunction<AvroWriteRequest<OutputRow>, GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final TableRowToAvro rowToAvro = new TableRowToAvro();

  @Override
  public GenericRecord apply(AvroWriteRequest<OutputRow> request) {
    return rowToAvro.toRecord(request.getSchema(), request.getElement().row());
  }
}
