package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;

/**
 * What BigQueryIO 2.73 writes for each TableRow into a FILE_LOADS JSON temp file: its
 * package-private {@code TableRowWriter.write} encodes the row with {@link TableRowJsonCoder} in
 * the outer context, then a line feed (read from the 2.73.0 jar's bytecode). The bytes go to a
 * buffer that is reused row after row, as they would go to the file's buffered stream, so the
 * figure holds the row's encoding and not a copy per row.
 */
final class BeamLoadFileRows {
  private static final TableRowJsonCoder CODER = TableRowJsonCoder.of();
  private static final byte[] NEWLINE = "\n".getBytes(StandardCharsets.UTF_8);

  private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

  /** Encodes the row as its temp-file line; returns the line's length in bytes. */
  @SuppressWarnings("deprecation") // Coder.Context: the call TableRowWriter makes.
  int write(TableRow row) throws IOException {
    line.reset();
    CODER.encode(row, line, Coder.Context.OUTER);
    line.write(NEWLINE);
    return line.size();
  }

  /** The last row's line, for checks; a copy. */
  String lastLine() {
    return line.toString(StandardCharsets.UTF_8);
  }
}
