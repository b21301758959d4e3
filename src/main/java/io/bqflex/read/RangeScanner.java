package io.bqflex.read;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs a {@link BoundaryMachine} over one range's bytes from every state at once, giving the
 * range's {@link RangeSummary}.
 */
public final class RangeScanner {
  private RangeScanner() {}

  /**
   * The summary of {@code range} under {@code machine}; {@code bytes} gives the file's bytes from
   * {@link ByteRange#scanFrom()} on, and is read up to {@link ByteRange#end()} only.
   */
  public static RangeSummary scan(BoundaryMachine machine, ByteRange range, InputStream bytes)
      throws IOException {
    throw new UnsupportedOperationException("TODO: split-lines branch");
  }
}
