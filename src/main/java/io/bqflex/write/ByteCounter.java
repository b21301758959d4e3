package io.bqflex.write;

import java.io.OutputStream;

/** An output stream that counts what is written to it and keeps nothing: to size an encoding. */
public final class ByteCounter extends OutputStream {
  private long count;

  @Override
  public void write(int b) {
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    count += len;
  }

  /** The bytes written so far. */
  public long count() {
    return count;
  }
}
