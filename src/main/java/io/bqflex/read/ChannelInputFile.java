package io.bqflex.read;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over the channel Beam opens a matched file with ({@code
 * FileIO.ReadableFile.openSeekable()}), so Parquet reads Cloud Storage through Beam's file systems
 * and never through Hadoop's.
 *
 * <p>Every stream it gives shares the one channel and its position: Parquet's file reader opens one
 * stream and seeks before each footer and column chunk read, so that is all it needs. Closing a
 * stream closes the channel.
 */
final class ChannelInputFile implements InputFile {
  private final SeekableByteChannel channel;
  private final String name;

  ChannelInputFile(SeekableByteChannel channel, String name) {
    this.channel = channel;
    this.name = name;
  }

  @Override
  public long getLength() throws IOException {
    return channel.size();
  }

  @Override
  public SeekableInputStream newStream() {
    return new ChannelStream(channel);
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Parquet's delegating stream gives readFully its meaning (read until the buffer is full, an
   * EOFException at the end of the file, never a short read); the position is the channel's.
   */
  private static final class ChannelStream extends DelegatingSeekableInputStream {
    private final SeekableByteChannel channel;

    ChannelStream(SeekableByteChannel channel) {
      super(Channels.newInputStream(channel));
      this.channel = channel;
    }

    @Override
    public long getPos() throws IOException {
      return channel.position();
    }

    @Override
    public void seek(long newPos) throws IOException {
      channel.position(newPos);
    }
  }
}
