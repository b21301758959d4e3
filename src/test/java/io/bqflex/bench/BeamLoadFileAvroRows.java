package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.OutputRow;
import io.bqflex.write.BigQueryAvroSchemas;
import io.bqflex.write.ByteCounter;
import io.bqflex.write.OutputRowDatumWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;

/**
 * What BigQueryIO 2.73 writes for each row of ours into a FILE_LOADS Avro temp file: its
 * package-private {@code AvroRowWriter} opens one {@link DataFileWriter} per file, over the datum
 * writer our factory gives for its schema ({@link OutputRowDatumWriter}, schema {@link
 * BigQueryAvroSchemas#forLoadFiles}), with no codec and the default sync interval, and per row
 * calls {@code append}. One writer serves every row here too, so the figure is the row's datum
 * write (with its share of the blocks the writer flushes), not a file's header per row. The file's
 * bytes go to {@code file}: a counter that keeps nothing for the benchmark, a buffer for checks.
 */
final class BeamLoadFileAvroRows {
  private final DataFileWriter<OutputRow> writer;

  BeamLoadFileAvroRows(TableSchema schema, OutputStream file) {
    Schema avroSchema = BigQueryAvroSchemas.forLoadFiles(schema);
    try {
      this.writer =
          new DataFileWriter<>(new OutputRowDatumWriter.Factory().apply(avroSchema))
              .create(avroSchema, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A writer whose file is only counted. */
  static BeamLoadFileAvroRows counting(TableSchema schema) {
    return new BeamLoadFileAvroRows(schema, new ByteCounter());
  }

  /** Appends the row to the file; returns it, for JMH to consume. */
  OutputRow write(OutputRow row) throws IOException {
    writer.append(row);
    return row;
  }

  /** Ends the file: its last block is written. */
  void close() throws IOException {
    writer.close();
  }
}
