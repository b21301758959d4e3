package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowToStorageApiProto;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowToStorageApiProto.SchemaInformation;

/**
 * What BigQueryIO 2.73 does with each TableRow on the Storage Write API, through the public methods
 * of {@link TableRowToStorageApiProto}: its {@code StorageApiDynamicDestinationsTableRow
 * .TableRowConverter} builds the schema information and the descriptor once per destination, then
 * per row calls {@code messageFromTableRow} and {@code toByteArray()} (the payload it appends). The
 * settings are BigQueryIO's defaults and ours: no auto schema update (required fields respected),
 * no CDC columns, {@code ignoreUnknownValues} off. Read from the 2.73.0 jar's bytecode, since the
 * converter class itself is package-private.
 */
final class BeamStorageWriteRows {
  private final SchemaInformation schemaInformation;
  private final Descriptor descriptor;

  BeamStorageWriteRows(TableSchema schema) {
    this.schemaInformation =
        SchemaInformation.fromTableSchema(
            TableRowToStorageApiProto.schemaToProtoTableSchema(schema));
    try {
      this.descriptor = TableRowToStorageApiProto.getDescriptorFromTableSchema(schema, true, false);
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException("no Storage Write descriptor for " + schema, e);
    }
  }

  Descriptor descriptor() {
    return descriptor;
  }

  /**
   * The row as the proto bytes BigQueryIO appends to its write stream.
   *
   * @throws IllegalArgumentException when Beam refuses the row (its SchemaConversionException,
   *     which is package-private, so it cannot be named here)
   */
  byte[] toBytes(TableRow row) {
    try {
      return TableRowToStorageApiProto.messageFromTableRow(
              schemaInformation, descriptor, row, false, false, null, null, (String) null)
          .toByteArray();
    } catch (Exception e) {
      throw new IllegalArgumentException("Beam refused the row " + row, e);
    }
  }
}
