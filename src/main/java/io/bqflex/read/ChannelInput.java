package io.bqflex.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.apache.avro.file.SeekableInput;

/**
 * Avro's random-access input over Beam's seekable channel, so an Avro file on Cloud Storage is read
 * where it lies, without a copy.
 */
final class ChannelInput implements SeekableInput {
  private final SeekableByteChannel channel;

  ChannelInput(SeekableByteChannel channel) {
    this.channel = channel;
  }

  @Override
  public void seek(long position) throws IOException {
    channel.position(position);
  }

  @Override
  public long tell() throws IOException {
    return channel.position();
  }

  @Override
  public long length() throws IOException {
    return channel.size();
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    // A channel may return 0 bytes before the end; Avro's streams take 0 as "try again" only
    // sometimes, so read until at least one byte arrives or the file ends.
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    int read;
    do {
      read = channel.read(buffer);
    } while (read == 0);
    return read;
  }

  /**
   * Up to {@code bytes.length} bytes from {@code at}, read without moving the position Avro reads
   * from; fewer at the end of the file.
   */
  int peek(long at, byte[] bytes) throws IOException {
    long position = channel.position();
    try {
      channel.position(at);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // a channel may read fewer bytes than asked before the end
      }
      return buffer.position();
    } finally {
      channel.position(position);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
