package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import io.bqflex.core.OutputRow;
import io.bqflex.write.BigQueryAvroSchemas;
import io.bqflex.write.OutputRowToAvro;
import io.bqflex.write.RefusedRowOrigin;
import io.bqflex.write.TableRowToAvro;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.gcp.bigquery.AvroGenericRecordToStorageApiProto;
import org.apache.beam.sdk.io.gcp.bigquery.AvroWriteRequest;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowToStorageApiProto;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * What BigQueryIO 2.73 does with each row of ours on the Storage Write API since issue 12: its
 * {@code StorageApiDynamicDestinationsGenericRecord} takes the Avro schema from our factory ({@link
 * BigQueryAvroSchemas#forStorageWrite}) and the descriptor from that schema once per destination,
 * then per row calls our format function ({@link TableRowToAvro}), {@code
 * AvroGenericRecordToStorageApiProto.messageFromGenericRecord} and {@code toByteArray()}; and,
 * since the templates' rows carry their records, our failure function ({@link
 * RefusedRowOrigin.Keep}: a file record's position, a message's whole payload), whose row {@code
 * StorageApiWritePayload.of} JSON-encodes beside the proto for every row.
 */
final class BeamStorageWriteAvroRows {
  private final Schema avroSchema;
  private final Descriptor descriptor;
  private final TableRowToAvro toAvro = new TableRowToAvro();
  private final OutputRowToAvro outputToAvro = new OutputRowToAvro();

  /** As the file templates keep rows; records that are messages are kept whole by it too. */
  private final RefusedRowOrigin.Keep keep = RefusedRowOrigin.Keep.filePositions();

  private long keptBytes;

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

  /**
   * The row with its record as the templates hand it to BigQueryIO: the proto bytes it appends; the
   * kept record's JSON, which it shuffles beside them, is made too and counted in {@link
   * #keptBytes()}.
   */
  byte[] toBytes(OutputRow output) throws IOException {
    byte[] proto =
        AvroGenericRecordToStorageApiProto.messageFromGenericRecord(
                descriptor,
                outputToAvro.apply(new AvroWriteRequest<>(output, avroSchema)),
                null,
                (String) null)
            .toByteArray();
    keptBytes += CoderUtils.encodeToByteArray(TableRowJsonCoder.of(), keep.apply(output)).length;
    return proto;
  }

  /** The JSON bytes of the kept records so far: what the failure function adds to a shuffle. */
  long keptBytes() {
    return keptBytes;
  }

  /** The row alone as the proto bytes BigQueryIO appends to its write stream. */
  byte[] toBytes(TableRow row) {
    return AvroGenericRecordToStorageApiProto.messageFromGenericRecord(
            descriptor, toAvro.apply(new AvroWriteRequest<>(row, avroSchema)), null, (String) null)
        .toByteArray();
  }
}
