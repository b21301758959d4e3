package io.bqflex.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.FileSystems;

/** A matched file's raw bytes, through Beam's {@link FileSystems} (local paths, {@code gs://}). */
final class FileBytes {
  private FileBytes() {}

  /** The bytes of {@code file} from its start, as they are now. */
  static ReadableByteChannel open(String file) throws IOException {
    return FileSystems.open(FileSystems.matchNewResource(file, false));
  }

  /**
   * The bytes of {@code file} from byte {@code offset} on.
   *
   * @param matchedSize the file's size when it was matched, which its reads were planned against
   * @throws FileChangedException when the file's size is no longer {@code matchedSize}
   */
  static InputStream openAt(String file, long offset, long matchedSize) throws IOException {
    ReadableByteChannel channel = open(file);
    try {
      if (!(channel instanceof SeekableByteChannel seekable)) {
        throw new IOException(file + " cannot be read from a given byte: its channel cannot seek");
      }
      long sizeNow = seekable.size();
      if (sizeNow != matchedSize) {
        throw new FileChangedException(file, matchedSize, sizeNow);
      }
      seekable.position(offset);
      return Channels.newInputStream(seekable);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
