package io.bqflex.read;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.SeekableByteChannel;

/**
 * A binary file format (Avro, Parquet): its records are read as typed values and never as text.
 *
 * @param <R> the format's record type
 */
public interface TypedFileFormat<R> extends Serializable {

  /**
   * A reader of the file {@code name} through {@code channel}, which it closes.
   *
   * @throws IOException when the file has no readable header or footer: the whole file is then one
   *     dead letter naming it
   */
  TypedRecordReader<R> open(SeekableByteChannel channel, String name) throws IOException;
}
