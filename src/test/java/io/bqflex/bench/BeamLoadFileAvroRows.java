package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.write.BigQueryAvroSchemas;
import io.bqflex.write.ByteCounter;
import io.bqflex.write.TableRowToAvro;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.gcp.bigquery.AvroWriteRequest;

/**
 * What BigQueryIO 2.73 writes for each row of ours into a FILE_LOADS Avro temp file since issue 12:
 * its package-private {@code AvroRowWriter} opens one {@link DataFileWriter} per file, over a
 * {@link GenericDatumWriter} of our schema ({@link BigQueryAvroSchemas#forLoadFiles}), with no
 * codec and the default sync interval, and per row calls our format function ({@link
 * TableRowToAvro}) and {@code append}. One writer serves every row here too, so the figure is the
 * record's conversion and datum write (with its share of the blocks the writer flushes), not a
 * file's header per row. The file's bytes go to {@code file}: a counter that keeps nothing for the
 * benchmark, a buffer for checks.
 */
final class BeamLoadFileAvroRows {
  private final Schema avroSchema;
  private final TableRowToAvro toAvro = new TableRowToAvro();
  private final DataFileWriter<GenericRecord> writer;

  BeamLoadFileAvroRows(TableSchema schema, OutputStream file) {
    this.avroSchema = BigQueryAvroSchemas.forLoadFiles(schema);
    try {
      this.writer =
          new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(avroSchema))
              .create(avroSchema, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A writer whose file is only counted. */
  static BeamLoadFileAvroRows counting(TableSchema schema) {
    return new BeamLoadFileAvroRows(schema, new ByteCounter());
  }

  /** Appends the row's record to the file; returns the record, for JMH to consume. */
  GenericRecord write(TableRow row) throws IOException {
    GenericRecord record = toAvro.apply(new AvroWriteRequest<>(row, avroSchema));
    writer.append(record);
    return record;
  }

  /** Ends the file: its last block is written. */
  void close() throws IOException {
    writer.close();
  }
}
