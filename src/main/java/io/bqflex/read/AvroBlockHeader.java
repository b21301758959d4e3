package io.bqflex.read;

/**
 * The start of an Avro data block, read ahead of Avro so a spoiled size is refused before Avro
 * makes a buffer of it: the record count and the byte count (zig-zag varints), and for snappy the
 * uncompressed length that opens the compressed bytes (a plain varint).
 */
record AvroBlockHeader(long count, long bytes, long snappyLength) {
  /**
   * Snappy turns 3 bytes into at most 64 (its longest copy), so no honest block grows more than
   * this many times; more means the length is spoiled.
   */
  private static final long SNAPPY_MAX_GROWTH = 32;

  /** Peeked bytes enough for the count, the size and snappy's length: three 10-byte varints. */
  static final int PEEK = 30;

  /**
   * The header in the first {@code length} bytes of {@code peeked}; null when they end inside it (a
   * file cut short there, which Avro's reader reports).
   */
  static AvroBlockHeader parse(byte[] peeked, int length, boolean snappy) {
    Varints in = new Varints(peeked, length);
    Long count = in.zigZag();
    Long bytes = count == null ? null : in.zigZag();
    if (bytes == null) {
      return null;
    }
    Long snappyLength = snappy && bytes > 0 ? in.unsigned() : Long.valueOf(-1);
    return snappyLength == null ? null : new AvroBlockHeader(count, bytes, snappyLength);
  }

  /** Why the block cannot be honest with {@code left} bytes after its start; null when it can. */
  String implausible(long left) {
    if (count < 0 || bytes < 0 || bytes > left) {
      return "it claims "
          + count
          + " records in "
          + bytes
          + " bytes, and the file has "
          + left
          + " bytes from the block's start";
    }
    if (snappyLength > SNAPPY_MAX_GROWTH * bytes + 64) {
      return "its snappy data claims to decompress to " + snappyLength + " bytes from " + bytes;
    }
    return null;
  }

  /** Reads varints off a byte array, null past its end. */
  private static final class Varints {
    private final byte[] bytes;
    private final int length;
    private int at;

    Varints(byte[] bytes, int length) {
      this.bytes = bytes;
      this.length = length;
    }

    Long unsigned() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (at >= length) {
          return null;
        }
        int b = bytes[at++] & 0xff;
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      return null;
    }

    Long zigZag() {
      Long raw = unsigned();
      return raw == null ? null : (raw >>> 1) ^ -(raw & 1);
    }
  }
}
