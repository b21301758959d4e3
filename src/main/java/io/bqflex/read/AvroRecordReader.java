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
  private final boolean snappy;
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
    this.snappy = "snappy".equals(file.getMetaString("avro.codec"));
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
   * Refuses a block that claims more bytes than the file has left (or, for snappy, a decompressed
   * size no honest block has), before Avro makes a buffer of that size: a spoiled size field could
   * otherwise ask for up to 2 GiB and end the worker, not the file.
   */
  private void checkBlockSize() throws IOException {
    if (blockStart >= length) {
      return;
    }
    byte[] peeked = new byte[AvroBlockHeader.PEEK];
    int read = input.peek(blockStart, peeked);
    AvroBlockHeader header = AvroBlockHeader.parse(peeked, read, snappy);
    String implausible = header == null ? null : header.implausible(length - blockStart);
    if (implausible != null) {
      throw new IOException(name + " has a corrupt " + position() + ": " + implausible);
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
