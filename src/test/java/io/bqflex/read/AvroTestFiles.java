package io.bqflex.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/** Avro files for tests, written in blocks of a chosen size so a test can break one block. */
public final class AvroTestFiles {
  /** An order: id (long), customer (string), amount (double). */
  public static final Schema ORDER =
      SchemaBuilder.record("Order")
          .namespace("shop")
          .fields()
          .requiredLong("id")
          .requiredString("customer")
          .name("amount")
          .type()
          .doubleType()
          .noDefault()
          .endRecord();

  private AvroTestFiles() {}

  public static GenericRecord order(long id) {
    return new GenericRecordBuilder(ORDER)
        .set("id", id)
        .set("customer", "c" + id)
        .set("amount", id * 1.5)
        .build();
  }

  /** Orders 1 to {@code last}. */
  public static List<GenericRecord> orders(int last) {
    return orders(1, last);
  }

  /** Orders {@code first} to {@code last}. */
  public static List<GenericRecord> orders(int first, int last) {
    List<GenericRecord> all = new ArrayList<>();
    for (int i = first; i <= last; i++) {
      all.add(order(i));
    }
    return all;
  }

  /**
   * Writes {@code records} in blocks of {@code perBlock} and returns each block's start (the byte
   * after the header or the previous block's sync marker), then the file's length.
   */
  public static List<Long> write(
      Path file, Schema schema, CodecFactory codec, List<GenericRecord> records, int perBlock)
      throws IOException {
    List<Long> starts = new ArrayList<>();
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.setCodec(codec);
      writer.create(schema, file.toFile());
      starts.add(writer.sync());
      for (int i = 0; i < records.size(); i++) {
        writer.append(records.get(i));
        if ((i + 1) % perBlock == 0 || i == records.size() - 1) {
          starts.add(writer.sync());
        }
      }
    }
    return starts;
  }

  /** Flips the last byte of the sync marker that ends block {@code block} (1-based). */
  public static void breakSyncMarkerAfterBlock(Path file, List<Long> starts, int block)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) (starts.get(block) - 1)] ^= 0x01;
    Files.write(file, bytes);
  }
}
