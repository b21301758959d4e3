package io.bqflex.read;

import java.io.Closeable;
import java.io.IOException;

/** Reads one file's records in order, streaming. */
public interface FileRecordReader extends Closeable {
  /**
   * The next record, or null after the last one. A record the reader could not make sense of comes
   * back as an unreadable {@link FileRecord} rather than an exception, so nothing is dropped.
   *
   * @throws IOException when the file itself cannot be read further (for example a corrupt gzip)
   */
  FileRecord next() throws IOException;
}
