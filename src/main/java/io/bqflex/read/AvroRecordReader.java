package io.bqflex.read;

import java.io.IOException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads one Avro object container file block by block. Avro reads a whole block (and checks the
 * sync marker after it) before it hands out the block's first record, so the records returned
 * before a broken block all stand, and the broken block's are all in the one dead letter for the
 * file's rest.
 */
final class AvroRecordReader implements TypedRecordReader<GenericRecord> {
  private final DataFileReader<GenericRecord> file;
  private final ChannelInput input;
  private final String name;
  private final long length;
  private final String unresolved;
  private final AvroEncodings encodings = new AvroEncodings();
  private long number;
  private long block;
  private long blockStart = -1;

  /**
   * @param unresolved why the file's records cannot be read as the table's schema needs them, or
   *     null when they can: each record is then read as written and given as unreadable
   */
  AvroRecordReader(
      DataFileReader<GenericRecord> file,
      ChannelInput input,
      String name,
      long length,
      String unresolved) {
    this.file = file;
    this.input = input;
    this.name = name;
    this.length = length;
    this.unresolved = unresolved;
  }

  @Override
  public TypedRecord<GenericRecord> next() throws IOException {
    // Avro moves its sync point to the next block's start once a block's last record is read.
    long start = file.previousSync();
    if (start != blockStart) {
      block++;
      blockStart = start;
      checkBlockSize();
    }
    GenericRecord record;
    try {
      if (!file.hasNext()) {
        // Avro's reader also ends quietly where the file ends inside a block: tell the two apart.
        if (file.previousSync() < length) {
          throw new IOException(
              name
                  + " ends inside "
                  + position()
                  + ": the file is truncated ("
                  + length
                  + " bytes)");
        }
        return null;
      }
      record = file.next();
    } catch (RuntimeException e) {
      // Avro's own failures (a bad sync marker, a block that does not decompress or decode) come
      // as AvroRuntimeException; bytes that decode to nonsense can throw others. Either way the
      // block cannot be trusted, and nor can anything after it.
      throw new IOException(name + " has a corrupt " + position() + ": " + e.getMessage(), e);
    }
    number++;
    return unresolved == null
        ? TypedRecord.readable(record, number)
        : TypedRecord.unreadable(record, number, unresolved);
  }

  /**
   * Refuses a block that claims more bytes than the file has left, before Avro makes a buffer of
   * that size: a spoiled size field could otherwise ask for up to 2 GiB and end the worker, not the
   * file.
   */
  private void checkBlockSize() throws IOException {
    if (blockStart >= length) {
      return;
    }
    byte[] header = new byte[20]; // the record count and the byte count: two varints
    int read = input.peek(blockStart, header);
    BlockHeader sizes = BlockHeader.parse(header, read);
    if (sizes == null) {
      return; // cut short inside the header: Avro ends there, and next() reports the truncation
    }
    long left = length - blockStart - sizes.headerLength();
    if (sizes.count() < 0 || sizes.bytes() < 0 || sizes.bytes() > left) {
      throw new IOException(
          name
              + " has a corrupt "
              + position()
              + ": it claims "
              + sizes.count()
              + " records in "
              + sizes.bytes()
              + " bytes, and the file has "
              + left
              + " bytes after the block's header");
    }
  }

  /** A block's header: its record count and its size in bytes, as Avro's zig-zag varints. */
  private record BlockHeader(long count, long bytes, int headerLength) {
    static BlockHeader parse(byte[] header, int length) {
      long[] values = new long[2];
      int at = 0;
      for (int v = 0; v < 2; v++) {
        long raw = 0;
        int shift = 0;
        while (true) {
          if (at >= length || shift > 63) {
            return null;
          }
          int b = header[at++] & 0xff;
          raw |= (long) (b & 0x7f) << shift;
          shift += 7;
          if ((b & 0x80) == 0) {
            break;
          }
        }
        values[v] = (raw >>> 1) ^ -(raw & 1);
      }
      return new BlockHeader(values[0], values[1], at);
    }
  }

  @Override
  public String position() {
    return "block " + block + " (from byte " + blockStart + ")";
  }

  @Override
  public byte[] originalBytes(GenericRecord record) {
    return encodings.singleObject(record);
  }

  @Override
  public String readableText(GenericRecord record) {
    return AvroEncodings.json(record);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
