package io.bqflex.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;

/**
 * A matched file's bytes decompressed as its extension says, by Beam's {@link Compression} (as
 * Google's TextIO-based templates read them): {@code .gz}, {@code .bz2}, {@code .zip}, {@code
 * .zst}/{@code .zstd}, {@code .deflate}/{@code .zlib}, {@code .snappy}, {@code .lzo} (LZOP) and
 * {@code .lzo_deflate} (LZO); any other name is read as it is.
 *
 * <p>Kept apart from opening the file, so a reader can tell a file that cannot be opened (worth a
 * retry) from one whose bytes are not in the compression its name says (one dead letter: retrying
 * cannot help).
 */
final class Decompression {
  private static final byte[] ZIP_ENTRY = {'P', 'K', 3, 4};
  private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};

  private Decompression() {}

  /**
   * The compression {@code file}'s name says it is in, {@link Compression#UNCOMPRESSED} for any
   * other name.
   */
  static Compression detect(String file) {
    return Compression.detect(file);
  }

  /**
   * The decompressed bytes of {@code file}, in {@code compression}, whose raw bytes {@code raw}
   * gives.
   *
   * @throws IOException when the file does not start as its compression's format; the message names
   *     the compression and the extension that chose it
   */
  static InputStream of(String file, Compression compression, ReadableByteChannel raw)
      throws IOException {
    try {
      ReadableByteChannel bytes =
          compression == Compression.ZIP ? Channels.newChannel(checkedZip(raw)) : raw;
      return Channels.newInputStream(compression.readDecompressed(bytes));
    } catch (IOException e) {
      String name = FileSystems.matchNewResource(file, false).getFilename();
      throw new IOException(
          "its name ("
              + name
              + ") says it is "
              + compression
              + "-compressed, but its bytes do not start as "
              + compression
              + " data ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /**
   * {@code raw} once its first bytes are those of a zip archive. Beam's zip reader reads anything
   * else as an archive without entries, which would load nothing and say nothing.
   */
  private static InputStream checkedZip(ReadableByteChannel raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Channels.newInputStream(raw));
    in.mark(ZIP_ENTRY.length);
    byte[] start = in.readNBytes(ZIP_ENTRY.length);
    in.reset();
    if (!Arrays.equals(start, ZIP_ENTRY) && !Arrays.equals(start, EMPTY_ZIP)) {
      throw new IOException("not a zip archive");
    }
    return in;
  }
}
