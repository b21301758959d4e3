package io.bqflex.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * The split benchmark's input: one large file of the benchmark's order rows, as CSV (a header, and
 * every fifth record with a quoted line break) or as JSON lines. Deterministic, so a file of the
 * same size is reused from an earlier run instead of written again (a gigabyte takes a while);
 * written under a temporary name and then renamed, so a run cut short leaves no file to reuse.
 */
final class SplitBenchFiles {
  private SplitBenchFiles() {}

  /**
   * A CSV file of at least {@code bytes} bytes (the last record crosses the size) in {@code dir}.
   */
  static Path csv(Path dir, long bytes) throws IOException {
    BenchRows rows = new BenchRows();
    return write(
        dir.resolve("orders-" + bytes + ".csv"),
        bytes,
        BenchRows.CSV_HEADER,
        rows::nextCsvWithLineBreaks);
  }

  /** A JSON-lines file of at least {@code bytes} bytes in {@code dir}. */
  static Path jsonLines(Path dir, long bytes) throws IOException {
    BenchRows rows = new BenchRows();
    return write(dir.resolve("orders-" + bytes + ".json"), bytes, null, rows::nextJsonLine);
  }

  private static Path write(Path file, long bytes, String header, Supplier<String> records)
      throws IOException {
    if (Files.isRegularFile(file) && Files.size(file) >= bytes) {
      return file;
    }
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    long written = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
      if (header != null) {
        written += writeLine(out, header);
      }
      while (written < bytes) {
        written += writeLine(out, records.get());
      }
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  private static int writeLine(OutputStream out, String line) throws IOException {
    byte[] encoded = (line + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(encoded);
    return encoded.length;
  }
}
