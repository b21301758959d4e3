package io.bqflex.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet row as a Parquet file of its own, in its file's schema, uncompressed: the original
 * bytes of a dead letter, which any Parquet tool reads (and BigQuery loads) as it read the row's
 * file.
 */
final class ParquetRowFile {
  private ParquetRowFile() {}

  /** A one-row, uncompressed Parquet file holding {@code row}, in the schema {@code row} has. */
  static byte[] of(Group row) {
    InMemoryFile file = new InMemoryFile();
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(file)
            .withConf(new PlainParquetConfiguration())
            .withType((MessageType) row.getType())
            .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
            .withDictionaryEncoding(false)
            .build()) {
      writer.write(row);
    } catch (IOException e) {
      // The file lives in memory: a write cannot fail for want of space or a network.
      throw new UncheckedIOException("could not re-encode a Parquet row", e);
    }
    return file.bytes.toByteArray();
  }

  /** The file a one-row writer writes to, held in memory. */
  private static final class InMemoryFile implements OutputFile {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return bytes.size();
        }

        @Override
        public void write(int b) {
          bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes.write(b, off, len);
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
