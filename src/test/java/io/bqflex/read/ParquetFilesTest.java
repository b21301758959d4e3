package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParquetFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ParquetFiles parquet = new ParquetFiles();

  @TempDir Path dir;

  /** The codecs BigQuery's Parquet page lists that this build reads, and no compression. */
  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void readsEveryRowOfAFileInEachReadableCodec(CompressionCodecName codec) throws IOException {
    Path file =
        ParquetTestFiles.write(
            dir.resolve("orders.parquet"), ParquetTestFiles.ORDERS, codec, 1000, orders(40));

    List<Group> rows = readAll(file);

    assertEquals(texts(orders(40)), texts(rows));
  }

  @Test
  void readsRowGroupsInOrderAndSaysWhichOneItIsIn() throws IOException {
    Path file = write("groups.parquet", CompressionCodecName.SNAPPY, 10, orders(35));

    try (TypedRecordReader<Group> reader = open(file)) {
      List<String> positions = new ArrayList<>();
      List<Long> numbers = new ArrayList<>();
      for (TypedRecord<Group> r = reader.next(); r != null; r = reader.next()) {
        positions.add(reader.position());
        numbers.add(r.number());
      }
      assertEquals(35, numbers.size());
      assertEquals(35L, numbers.get(34));
      assertEquals("row group 1 of 4", positions.get(9));
      assertEquals("row group 2 of 4", positions.get(10));
      assertEquals("row group 4 of 4", positions.get(34));
    }
  }

  /**
   * A broken row group ends the file there: the rows before it stand, and next() throws the
   * IOException that ReadTypedFiles turns into one dead letter for the rest, naming the row group.
   * Broken at its first page header, and inside a compressed page.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 40})
  void aCorruptRowGroupMidFileEndsTheFileAfterTheRowsBeforeIt(int offsetInGroup)
      throws IOException {
    Path file = write("corrupt.parquet", CompressionCodecName.GZIP, 10, orders(30));
    long[] second = ParquetTestFiles.rowGroupSpan(file, 1);
    ParquetTestFiles.overwrite(file, second[0] + offsetInGroup, 30);

    try (TypedRecordReader<Group> reader = open(file)) {
      List<Group> before = new ArrayList<>();
      IOException broken =
          assertThrows(
              IOException.class,
              () -> {
                for (TypedRecord<Group> r = reader.next(); r != null; r = reader.next()) {
                  before.add(r.value());
                }
              });
      assertEquals(texts(orders(10)), texts(before));
      assertEquals("row group 2 of 3", reader.position(), broken.toString());
    }
  }

  @Test
  void aTruncatedFileHasNoFooterAndIsRefusedNamingIt() throws IOException {
    Path file = write("cut.parquet", CompressionCodecName.SNAPPY, 10, orders(30));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

    IOException refused = assertThrows(IOException.class, () -> open(file));

    assertTrue(refused.getMessage().contains("cut.parquet"), refused.getMessage());
    assertTrue(refused.getMessage().contains("no readable Parquet footer"), refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "PAR1", "PAR1 some bytes, no footer PAR1", "id,name\n1,a\n"})
  void aFileWithoutAFooterIsRefusedNamingIt(String content) throws IOException {
    Path file = dir.resolve("not-parquet.parquet");
    Files.writeString(file, content, StandardCharsets.US_ASCII);

    IOException refused = assertThrows(IOException.class, () -> open(file));

    assertTrue(refused.getMessage().contains("not-parquet.parquet"), refused.getMessage());
  }

  /**
   * LZO and BROTLI are on BigQuery's list, but their codecs (hadoop-lzo, jbrotli) are native
   * libraries this jar does not carry: the file is refused as a whole, naming the codec.
   */
  @ParameterizedTest
  @EnumSource(
      value = CompressionCodec.class,
      names = {"LZO", "BROTLI", "LZ4"})
  void aFileInACodecWithoutItsLibraryIsRefusedNamingTheCodec(CompressionCodec codec)
      throws IOException {
    Path file = write("lzo.parquet", CompressionCodecName.UNCOMPRESSED, 10, orders(5));
    ParquetTestFiles.claimCodec(file, codec);

    IOException refused = assertThrows(IOException.class, () -> open(file));

    assertTrue(refused.getMessage().contains("compressed with " + codec), refused.getMessage());
    assertTrue(refused.getMessage().contains("lzo.parquet"), refused.getMessage());
  }

  @Test
  void originalBytesAreAParquetFileHoldingTheRowInItsFilesSchema() throws IOException {
    Path file = write("orders.parquet", CompressionCodecName.ZSTD, 10, orders(12));
    Group row;
    byte[] original;
    try (TypedRecordReader<Group> reader = open(file)) {
      reader.next();
      row = reader.next().value();
      original = reader.originalBytes(row);
    }

    Path copy = dir.resolve("dead-letter.parquet");
    Files.write(copy, original);
    List<Group> rows = readAll(copy);

    assertArrayEquals("PAR1".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(original, 4));
    assertEquals(1, rows.size());
    assertEquals(ParquetTestFiles.ORDERS, rows.get(0).getType());
    assertEquals(texts(List.of(ParquetTestFiles.order(2))), texts(rows));
  }

  @Test
  void readableTextIsTheRowAsJsonByFieldName() throws IOException {
    Path file = write("orders.parquet", CompressionCodecName.SNAPPY, 10, orders(3));
    List<String> texts = new ArrayList<>();
    try (TypedRecordReader<Group> reader = open(file)) {
      for (TypedRecord<Group> r = reader.next(); r != null; r = reader.next()) {
        texts.add(reader.readableText(r.value()));
      }
    }

    // Order 2: two tags; order 3: no note (null) and no tags (an empty list).
    assertEquals(
        JSON.readTree(
            "{\"order_id\":\"o-2\",\"quantity\":2,\"price\":2.25,\"amount\":\"2.05\","
                + "\"note\":\"note 2\",\"blob\":\"AgD/\",\"tags\":[\"t0\",\"t1\"],"
                + "\"customer\":{\"name\":\"customer 2\",\"age\":22}}"),
        JSON.readTree(texts.get(1)));
    assertEquals(
        JSON.readTree(
            "{\"order_id\":\"o-3\",\"quantity\":3,\"price\":3.25,\"amount\":\"3.05\","
                + "\"note\":null,\"blob\":\"AwD/\",\"tags\":[],"
                + "\"customer\":{\"name\":\"customer 3\",\"age\":23}}"),
        JSON.readTree(texts.get(2)));
  }

  @Test
  void aFileWithNoRowGroupsHasNoRows() throws IOException {
    Path file = write("empty.parquet", CompressionCodecName.SNAPPY, 10, List.of());

    try (TypedRecordReader<Group> reader = open(file)) {
      assertNull(reader.next());
    }
  }

  private Path write(String name, CompressionCodecName codec, int rowsPerGroup, List<Group> rows)
      throws IOException {
    return ParquetTestFiles.write(
        dir.resolve(name), ParquetTestFiles.ORDERS, codec, rowsPerGroup, rows);
  }

  private TypedRecordReader<Group> open(Path file) throws IOException {
    SeekableByteChannel channel = Files.newByteChannel(file);
    return parquet.open(channel, file.toString());
  }

  private List<Group> readAll(Path file) throws IOException {
    List<Group> rows = new ArrayList<>();
    try (TypedRecordReader<Group> reader = open(file)) {
      for (TypedRecord<Group> r = reader.next(); r != null; r = reader.next()) {
        rows.add(r.value());
      }
    }
    return rows;
  }

  private static List<Group> orders(int rows) {
    return ParquetTestFiles.orders(rows);
  }

  /** Groups compare by identity; their text form names every field and value. */
  private static List<String> texts(List<Group> rows) {
    return rows.stream().map(Group::toString).toList();
  }
}
