package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

class DecodingReaderTest {

  private static String decode(byte[] bytes, Charset charset) throws IOException {
    try (Reader reader = new DecodingReader(new ByteArrayInputStream(bytes), charset)) {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[100];
      for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
        text.append(buffer, 0, n);
      }
      return text.toString();
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void dropsUtf8ByteOrderMark() throws IOException {
    byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "Zoë".getBytes(UTF8));
    assertEquals("Zoë", decode(bytes, UTF8));
  }

  @Test
  void dropsUtf16ByteOrderMarksOfEitherOrder() throws IOException {
    Charset utf16 = FileEncoding.charsetNamed("UTF-16");
    byte[] littleEndian =
        concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "東京".getBytes(StandardCharsets.UTF_16LE));
    byte[] bigEndian =
        concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "東京".getBytes(StandardCharsets.UTF_16BE));
    assertEquals("東京", decode(littleEndian, utf16));
    assertEquals("東京", decode(bigEndian, utf16));
    assertEquals("東京", decode(littleEndian, StandardCharsets.UTF_16LE));
  }

  @Test
  void keepsByteOrderMarkBytesAsTextInASingleByteCharset() throws IOException {
    byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'};
    assertEquals("ï»¿a", decode(bytes, StandardCharsets.ISO_8859_1));
  }

  @Test
  void decodesCharactersSplitAcrossItsBuffers() throws IOException {
    String text = "Zoë,東京,😀\n".repeat(5_000);
    assertEquals(text, decode(text.getBytes(UTF8), UTF8));
  }

  @Test
  void replacesInvalidBytesAndRemembersWhere() throws IOException {
    byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', (byte) 0xC3, 'b', 'c', (byte) 0xE6};
    DecodingReader reader = new DecodingReader(new ByteArrayInputStream(bytes), UTF8);
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[10];
    for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
      text.append(buffer, 0, n);
    }
    assertEquals("a\uFFFDbc\uFFFD", text.toString());
    assertFalse(reader.hasInvalidBytesBetween(0, 1));
    assertTrue(reader.hasInvalidBytesBetween(0, 2));
    assertFalse(reader.hasInvalidBytesBetween(2, 4));
    assertTrue(reader.hasInvalidBytesBetween(4, 5));
  }

  @Test
  void failsRecordsWithInvalidBytesAfterTheFirstBuffer() throws IOException {
    byte[] good = "ok,1\n".repeat(3_000).getBytes(UTF8);
    byte[] bytes = concat(good, new byte[] {'x', (byte) 0xFF, ',', '2', '\n'}, good);
    List<FileRecord> records =
        Records.all(
            new CsvFileReader(
                new DecodingReader(new ByteArrayInputStream(bytes), UTF8),
                CSVFormat.DEFAULT,
                false));
    assertEquals(6_001, records.size());
    assertEquals(
        List.of(3_001L),
        records.stream().filter(r -> !r.isReadable()).map(FileRecord::number).toList());
  }

  @Test
  void rejectsUnknownCharsetNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FileEncoding.charsetNamed("UTF-9"));
    assertTrue(e.getMessage().contains("'UTF-9'"), e.getMessage());
  }

  @Test
  void defaultsToUtf8() {
    assertEquals(UTF8, FileEncoding.charsetNamed(null));
    assertEquals(StandardCharsets.ISO_8859_1, FileEncoding.charsetNamed("latin1"));
  }

  private static final Charset UTF8 = StandardCharsets.UTF_8;
}
