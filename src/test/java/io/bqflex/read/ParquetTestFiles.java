package io.bqflex.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes the Parquet files the reader's and the template's tests read. */
public final class ParquetTestFiles {
  /** Orders: every kind of field a row can hold (text, numbers, decimal, bytes, list, group). */
  public static final MessageType ORDERS =
      MessageTypeParser.parseMessageType(
          "message order {\n"
              + "  required binary order_id (STRING);\n"
              + "  required int64 quantity;\n"
              + "  optional double price;\n"
              + "  optional int32 amount (DECIMAL(9,2));\n"
              + "  optional binary note (STRING);\n"
              + "  optional binary blob;\n"
              + "  repeated binary tags (STRING);\n"
              + "  optional group customer {\n"
              + "    required binary name (STRING);\n"
              + "    optional int32 age;\n"
              + "  }\n"
              + "}\n");

  private ParquetTestFiles() {}

  /** Order {@code n}: every field set, but {@code note} (every third order) and the tags. */
  public static Group order(int n) {
    Group row = new SimpleGroupFactory(ORDERS).newGroup();
    row.add("order_id", "o-" + n);
    row.add("quantity", (long) n);
    row.add("price", n + 0.25);
    row.add("amount", n * 100 + 5);
    if (n % 3 != 0) {
      row.add("note", "note " + n);
    }
    row.add("blob", Binary.fromConstantByteArray(new byte[] {(byte) n, 0, (byte) 0xff}));
    for (int t = 0; t < n % 3; t++) {
      row.add("tags", "t" + t);
    }
    Group customer = row.addGroup("customer");
    customer.add("name", "customer " + n);
    customer.add("age", 20 + n);
    return row;
  }

  /** Orders 1 to {@code rows}. */
  public static List<Group> orders(int rows) {
    List<Group> orders = new ArrayList<>();
    for (int n = 1; n <= rows; n++) {
      orders.add(order(n));
    }
    return orders;
  }

  /** Writes {@code rows} to {@code file}, {@code rowsPerGroup} rows in each row group. */
  public static Path write(
      Path file, MessageType schema, CompressionCodecName codec, int rowsPerGroup, List<Group> rows)
      throws IOException {
    Files.deleteIfExists(file);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withType(schema)
            .withCompressionCodec(codec)
            .withRowGroupRowCountLimit(rowsPerGroup)
            .withPageRowCountLimit(rowsPerGroup)
            .build()) {
      for (Group row : rows) {
        writer.write(row);
      }
    }
    return file;
  }

  /** Where row group {@code index} (0-based) of {@code file} starts and how many bytes it has. */
  public static long[] rowGroupSpan(Path file, int index) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      var group = reader.getRowGroups().get(index);
      return new long[] {group.getStartingPos(), group.getCompressedSize()};
    }
  }

  /** Overwrites {@code length} bytes of {@code file} from {@code offset} with 0xEE. */
  public static void overwrite(Path file, long offset, int length) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Arrays.fill(bytes, (int) offset, (int) offset + length, (byte) 0xEE);
    Files.write(file, bytes);
  }

  /**
   * Rewrites {@code file}'s footer to say its column chunks are compressed with {@code codec}, as a
   * file written with a codec this machine has no writer for (LZO, BROTLI) says.
   */
  public static void claimCodec(Path file, CompressionCodec codec) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int footerLength =
        ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = bytes.length - 8 - footerLength;
    FileMetaData footer;
    try (InputStream in = new ByteArrayInputStream(bytes, footerStart, footerLength)) {
      footer = Util.readFileMetaData(in);
    }
    for (RowGroup group : footer.getRow_groups()) {
      for (ColumnChunk column : group.getColumns()) {
        column.getMeta_data().setCodec(codec);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, footerStart);
    ByteArrayOutputStream newFooter = new ByteArrayOutputStream();
    Util.writeFileMetaData(footer, newFooter);
    out.write(newFooter.toByteArray());
    out.write(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(newFooter.size()).array());
    out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
    Files.write(file, out.toByteArray());
  }
}
