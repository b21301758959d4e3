package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.Records;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Avro object container files as BigQuery loads them:
 * https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro (the schema of the
 * alphabetically last file; the other files' schemas resolve against it by Avro's rules).
 */
class AvroFilesTest {
  private static final Schema ORDER = AvroTestFiles.ORDER;

  @TempDir Path dir;

  /** What reading {@code file} gave: the records, then the failure that stopped it (or null). */
  record Reading(List<TypedRecord<GenericRecord>> records, IOException stop, String position) {}

  static Reading read(AvroFiles format, Path file) throws IOException {
    List<TypedRecord<GenericRecord>> records = new ArrayList<>();
    try (TypedRecordReader<GenericRecord> reader =
        format.open(Files.newByteChannel(file), file.toString())) {
      try {
        for (TypedRecord<GenericRecord> r = reader.next(); r != null; r = reader.next()) {
          records.add(r);
        }
      } catch (IOException e) {
        return new Reading(records, e, reader.position());
      }
    }
    return new Reading(records, null, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "deflate", "snappy", "bzip2", "xz", "zstandard"})
  void readsEveryCodecAvroWrites(String codec) throws IOException {
    Path file = dir.resolve("orders-" + codec + ".avro");
    AvroTestFiles.write(file, ORDER, CodecFactory.fromString(codec), AvroTestFiles.orders(7), 3);

    Reading reading = read(AvroFiles.asWritten(), file);

    assertNull(reading.stop());
    assertEquals(7, reading.records().size());
    for (int i = 0; i < 7; i++) {
      TypedRecord<GenericRecord> r = reading.records().get(i);
      assertTrue(r.isReadable());
      assertEquals(i + 1, r.number());
      assertEquals(AvroTestFiles.order(i + 1), r.value());
    }
  }

  @Test
  void readsAnOlderWriterSchemaIntoTheTableSchemaWhereItResolves() throws IOException {
    // The last file added a field with a default and widened id from int to long.
    Schema older =
        SchemaBuilder.record("Order")
            .namespace("shop")
            .fields()
            .requiredInt("id")
            .requiredString("customer")
            .name("amount")
            .type()
            .doubleType()
            .noDefault()
            .endRecord();
    Schema table =
        SchemaBuilder.record("Order")
            .namespace("shop")
            .fields()
            .requiredLong("id")
            .requiredString("customer")
            .name("amount")
            .type()
            .doubleType()
            .noDefault()
            .name("currency")
            .type()
            .stringType()
            .stringDefault("EUR")
            .endRecord();
    Path file = dir.resolve("2026-01.avro");
    AvroTestFiles.write(
        file,
        older,
        CodecFactory.nullCodec(),
        List.of(
            new GenericRecordBuilder(older)
                .set("id", 7)
                .set("customer", "c7")
                .set("amount", 2.5)
                .build()),
        10);

    Reading reading = read(AvroFiles.resolvedTo(table, "gs://my-bucket/in/2026-02.avro"), file);

    GenericRecord resolved = reading.records().get(0).value();
    assertTrue(reading.records().get(0).isReadable());
    assertEquals(table, resolved.getSchema());
    assertEquals(7L, resolved.get("id"));
    assertEquals("EUR", resolved.get("currency").toString());
  }

  @Test
  void deadLettersEveryRecordOfAFileWhoseSchemaDoesNotResolveNamingTheDifference()
      throws IOException {
    // The table's schema needs "customer", which this file lacks and which has no default.
    Schema noCustomer =
        SchemaBuilder.record("Order")
            .namespace("shop")
            .fields()
            .requiredLong("id")
            .name("amount")
            .type()
            .doubleType()
            .noDefault()
            .endRecord();
    Path file = dir.resolve("2026-01.avro");
    GenericRecord written =
        new GenericRecordBuilder(noCustomer).set("id", 1L).set("amount", 3.0).build();
    AvroTestFiles.write(file, noCustomer, CodecFactory.nullCodec(), List.of(written, written), 10);

    Reading reading = read(AvroFiles.resolvedTo(ORDER, "gs://my-bucket/in/2026-02.avro"), file);

    assertNull(reading.stop());
    assertEquals(2, reading.records().size());
    TypedRecord<GenericRecord> first = reading.records().get(0);
    assertTrue(!first.isReadable());
    // Read as written, so the dead letter holds the record itself.
    assertEquals(written, first.value());
    assertTrue(first.failure().contains("customer"), first.failure());
    assertTrue(first.failure().contains("missing default value"), first.failure());
    assertTrue(first.failure().contains("gs://my-bucket/in/2026-02.avro"), first.failure());
  }

  @Test
  void corruptBlockMidFileKeepsTheRecordsBeforeItAndNamesTheBlock() throws IOException {
    Path file = dir.resolve("orders.avro");
    List<Long> starts =
        AvroTestFiles.write(file, ORDER, CodecFactory.deflateCodec(6), AvroTestFiles.orders(9), 3);
    byte[] bytes = Files.readAllBytes(file);
    // Spoil the compressed bytes in the middle of the second block.
    int middle = (int) ((starts.get(1) + starts.get(2)) / 2);
    for (int i = middle - 4; i < middle + 4; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(file, bytes);

    Reading reading = read(AvroFiles.asWritten(), file);

    assertEquals(3, reading.records().size());
    assertEquals(AvroTestFiles.order(3), reading.records().get(2).value());
    assertTrue(reading.stop() != null);
    assertEquals("block 2 (from byte " + starts.get(1) + ")", reading.position());
  }

  @Test
  void brokenSyncMarkerEndsTheReadingAtItsBlock() throws IOException {
    Path file = dir.resolve("orders.avro");
    List<Long> starts =
        AvroTestFiles.write(file, ORDER, CodecFactory.nullCodec(), AvroTestFiles.orders(9), 3);
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) (starts.get(2) - 1)] ^= 0x01; // the last byte of block 2's sync marker
    Files.write(file, bytes);

    Reading reading = read(AvroFiles.asWritten(), file);

    assertEquals(3, reading.records().size());
    assertEquals("block 2 (from byte " + starts.get(1) + ")", reading.position());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 20})
  void truncatedFileKeepsItsWholeBlocksAndSaysWhereItEnds(int cutInsideLastBlock)
      throws IOException {
    Path file = dir.resolve("orders.avro");
    List<Long> starts =
        AvroTestFiles.write(file, ORDER, CodecFactory.snappyCodec(), AvroTestFiles.orders(9), 3);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, (int) (starts.get(2) + cutInsideLastBlock)));

    Reading reading = read(AvroFiles.asWritten(), file);

    assertEquals(6, reading.records().size());
    assertTrue(reading.stop() != null, "a truncated file must not end quietly");
    assertEquals("block 3 (from byte " + starts.get(2) + ")", reading.position());
    assertTrue(reading.stop().getMessage().contains("orders.avro"), reading.stop().getMessage());
  }

  /**
   * A block whose size field is spoiled to nearly 2 GiB: the file is far shorter, so the size is
   * refused before a buffer that large is made.
   */
  @Test
  void blockClaimingMoreBytesThanTheFileHasEndsTheReadingWithoutAllocatingThem()
      throws IOException {
    Path file = dir.resolve("orders.avro");
    List<Long> starts =
        AvroTestFiles.write(file, ORDER, CodecFactory.nullCodec(), AvroTestFiles.orders(9), 3);
    byte[] bytes = Files.readAllBytes(file);
    int second = (int) (long) starts.get(1);
    // Block 2 starts with its record count (3: one byte, 0x06) and then its size in bytes:
    // write the zig-zag varint of 2^31 - 2 there, over the size and the first data bytes.
    byte[] huge = {(byte) 0xfc, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    System.arraycopy(huge, 0, bytes, second + 1, huge.length);
    Files.write(file, bytes);

    Reading reading = read(AvroFiles.asWritten(), file);

    assertEquals(3, reading.records().size());
    assertTrue(
        reading.stop().getMessage().contains("2147483646 bytes"), reading.stop().getMessage());
    assertEquals("block 2 (from byte " + starts.get(1) + ")", reading.position());
  }

  /** A string inside a block whose length is spoiled to nearly 2 GiB: the block is corrupt. */
  @Test
  void recordClaimingAHugeStringEndsTheReadingAtItsBlock() throws IOException {
    Path file = dir.resolve("orders.avro");
    List<Long> starts =
        AvroTestFiles.write(file, ORDER, CodecFactory.nullCodec(), AvroTestFiles.orders(9), 3);
    byte[] bytes = Files.readAllBytes(file);
    int second = (int) (long) starts.get(1);
    // Block 2: count (0x06), size (one byte), then order 4: id (0x08), the length of "c4" (0x04).
    assertEquals(0x08, bytes[second + 2]);
    assertEquals(0x04, bytes[second + 3]);
    byte[] huge = {(byte) 0xfc, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    System.arraycopy(huge, 0, bytes, second + 3, huge.length);
    Files.write(file, bytes);

    Reading reading = read(AvroFiles.asWritten(), file);

    assertEquals(3, reading.records().size());
    assertTrue(reading.stop() != null);
    assertEquals("block 2 (from byte " + starts.get(1) + ")", reading.position());
  }

  /** A snappy block whose uncompressed length (its first varint) is spoiled to nearly 4 GiB. */
  @Test
  void snappyBlockClaimingAHugeUncompressedLengthEndsTheReadingAtItsBlock() throws IOException {
    Path file = dir.resolve("orders.avro");
    List<Long> starts =
        AvroTestFiles.write(file, ORDER, CodecFactory.snappyCodec(), AvroTestFiles.orders(9), 3);
    byte[] bytes = Files.readAllBytes(file);
    int second = (int) (long) starts.get(1);
    // Block 2: count (0x06), size (one byte), then snappy's varint of the uncompressed length.
    byte[] huge = {(byte) 0x80, (byte) 0xde, (byte) 0xa0, (byte) 0xcb, (byte) 0x05};
    System.arraycopy(huge, 0, bytes, second + 2, huge.length);
    Files.write(file, bytes);

    Reading reading = read(AvroFiles.asWritten(), file);

    assertEquals(3, reading.records().size());
    assertTrue(
        reading.stop().getMessage().contains("decompress to 1500000000 bytes"),
        reading.stop().getMessage());
    assertEquals("block 2 (from byte " + starts.get(1) + ")", reading.position());
  }

  @Test
  void fileWithoutAnAvroHeaderCannotBeOpened() throws IOException {
    Path text = dir.resolve("not-avro.avro");
    Files.writeString(text, "id,customer\n1,c1\n", StandardCharsets.UTF_8);
    Path cut = dir.resolve("cut.avro");
    AvroTestFiles.write(cut, ORDER, CodecFactory.nullCodec(), AvroTestFiles.orders(3), 3);
    byte[] bytes = Files.readAllBytes(cut);
    Files.write(cut, Arrays.copyOf(bytes, 30)); // inside the header's schema
    Path empty = dir.resolve("empty.avro");
    Files.write(empty, new byte[0]);

    for (Path file : List.of(text, cut, empty)) {
      IOException e =
          assertThrows(
              IOException.class,
              () -> AvroFiles.asWritten().open(Files.newByteChannel(file), file.toString()));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("no readable Avro header"), e.getMessage());
    }
  }

  @Test
  void fileOfValuesThatAreNotRecordsIsRefusedWhole() throws IOException {
    Path file = dir.resolve("names.avro");
    Schema strings = Schema.create(Schema.Type.STRING);
    try (DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>(strings))) {
      writer.create(strings, file.toFile());
      writer.append("Ada");
    }

    IOException e =
        assertThrows(
            IOException.class,
            () -> AvroFiles.asWritten().open(Files.newByteChannel(file), file.toString()));

    assertTrue(e.getMessage().contains("is a string, not a record"), e.getMessage());
  }

  @Test
  void emptyFileWithAHeaderHasNoRecords() throws IOException {
    Path file = dir.resolve("none.avro");
    AvroTestFiles.write(file, ORDER, CodecFactory.deflateCodec(1), List.of(), 3);

    Reading reading = read(AvroFiles.asWritten(), file);

    assertNull(reading.stop());
    assertEquals(0, reading.records().size());
  }

  @Test
  void originalBytesAreTheSingleObjectEncodingAReaderDecodesByTheFingerprint() throws IOException {
    Path file = dir.resolve("orders.avro");
    AvroTestFiles.write(file, ORDER, CodecFactory.zstandardCodec(3), AvroTestFiles.orders(2), 3);
    try (TypedRecordReader<GenericRecord> reader =
        AvroFiles.asWritten().open(Files.newByteChannel(file), file.toString())) {
      GenericRecord record = reader.next().value();

      byte[] bytes = reader.originalBytes(record);

      assertEquals((byte) 0xC3, bytes[0]);
      assertEquals((byte) 0x01, bytes[1]);
      long fingerprint =
          ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
      assertEquals(SchemaNormalization.parsingFingerprint64(ORDER), fingerprint);
      SchemaStore.Cache schemas = new SchemaStore.Cache();
      schemas.addSchema(ORDER);
      BinaryMessageDecoder<GenericRecord> decoder =
          new BinaryMessageDecoder<>(GenericData.get(), null, schemas);
      assertEquals(record, decoder.decode(bytes));
    }
  }

  @Test
  void readableTextIsAvrosJsonEncodingOfTheRecord() throws IOException {
    Schema withUnion =
        SchemaBuilder.record("Event")
            .fields()
            .requiredString("name")
            .optionalLong("count")
            .requiredBytes("tag")
            .endRecord();
    GenericRecord event =
        new GenericRecordBuilder(withUnion)
            .set("name", "visit")
            .set("count", 3L)
            .set("tag", ByteBuffer.wrap(new byte[] {0x41, 0x42}))
            .build();
    Path file = dir.resolve("events.avro");
    AvroTestFiles.write(file, withUnion, CodecFactory.nullCodec(), List.of(event), 3);
    try (TypedRecordReader<GenericRecord> reader =
        AvroFiles.asWritten().open(Files.newByteChannel(file), file.toString())) {
      GenericRecord record = reader.next().value();

      String text = reader.readableText(record);

      assertEquals("{\"name\":\"visit\",\"count\":{\"long\":3},\"tag\":\"AB\"}", text);
      GenericRecord back =
          new GenericDatumReader<GenericRecord>(withUnion)
              .read(null, DecoderFactory.get().jsonDecoder(withUnion, text));
      assertEquals(record, back);
    }
  }

  /** Through the pipeline step: the records before a broken block are rows, the rest one letter. */
  @Test
  void readTypedFilesKeepsRowsBeforeACorruptBlockAndDeadLettersTheRestOnce() throws IOException {
    Path file = dir.resolve("orders.avro");
    List<Long> starts =
        AvroTestFiles.write(file, ORDER, CodecFactory.nullCodec(), AvroTestFiles.orders(9), 3);
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) (starts.get(2) - 1)] ^= 0x01;
    Files.write(file, bytes);
    Pipeline pipeline = Pipeline.create();

    PCollectionTuple read =
        pipeline.apply(
            ReadTypedFiles.from(
                file.toString(),
                AvroFiles.asWritten(),
                record -> new TableRow().set("id", String.valueOf(record.get("id")))));

    PAssert.that(read.get(Records.ROWS))
        .satisfies(
            rows -> {
              assertEquals(3, StreamSupport.stream(rows.spliterator(), false).count());
              return null;
            });
    PAssert.that(read.get(Records.FAILURES))
        .satisfies(
            failures -> {
              List<FailedRecord> all = StreamSupport.stream(failures.spliterator(), false).toList();
              assertEquals(1, all.size(), all::toString);
              FailedRecord rest = all.get(0);
              assertEquals(Stage.READ, rest.stage());
              assertEquals(4, rest.recordNumber());
              assertTrue(
                  rest.errorMessage().contains("block 2 (from byte " + starts.get(1) + ")"),
                  rest.errorMessage());
              assertTrue(rest.errorMessage().contains("orders.avro"), rest.errorMessage());
              return null;
            });
    pipeline.run().waitUntilFinish();
  }
}
