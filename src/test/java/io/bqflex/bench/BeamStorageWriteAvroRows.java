package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import io.bqflex.write.BigQueryAvroSchemas;
import io.bqflex.write.TableRowToAvro;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.gcp.bigquery.AvroGenericRecordToStorageApiProto;
import org.apache.beam.sdk.io.gcp.bigquery.AvroWriteRequest;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowToStorageApiProto;

/**
 * What BigQueryIO 2.73 does with each row of ours on the Storage Write API since issue 12: its
 * {@code StorageApiDynamicDestinationsGenericRecord} takes the Avro schema from our factory ({@link
 * BigQueryAvroSchemas#forStorageWrite}) and the descriptor from that schema once per destination,
 * then per row calls our format function ({@link TableRowToAvro}), {@code
 * AvroGenericRecordToStorageApiProto.messageFromGenericRecord} and {@code toByteArray()}.
 */
final class BeamStorageWriteAvroRows {
  private final Schema avroSchema;
  private final Descriptor descriptor;
  private final TableRowToAvro toAvro = new TableRowToAvro();

  BeamStorageWriteAvroRows(TableSchema schema) {
    this.avroSchema = BigQueryAvroSchemas.forStorageWrite(schema);
    try {
      this.descriptor =
          TableRowToStorageApiProto.getDescriptorFromTableSchema(
              AvroGenericRecordToStorageApiProto.protoTableSchemaFromAvroSchema(avroSchema),
              true,
              false);
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException("no Storage Write descriptor for " + schema, e);
    }
  }

  /** The row as the proto bytes BigQueryIO appends to its write stream. */
  byte[] toBytes(TableRow row) {
    return AvroGenericRecordToStorageApiProto.messageFromGenericRecord(
            descriptor, toAvro.apply(new AvroWriteRequest<>(row, avroSchema)), null, (String) null)
        .toByteArray();
  }
}
