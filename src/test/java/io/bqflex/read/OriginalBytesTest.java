package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A record's bytes, as the readers give them, are the bytes the file held for it. */
class OriginalBytesTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());

  /**
   * Random lines of random bytes, first and last characters plain letters, in charsets that map one
   * to one, that do not (x-IBM874 reads 0xA0 and four more bytes two ways), and multi-byte ones:
   * every line's bytes come back exactly, however many of them the charset finds invalid.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"UTF-8", "ISO-8859-1", "windows-1252", "x-IBM874", "Shift_JIS", "GB18030"})
  void everyLineOfRandomBytesComesBackByteForByte(String charsetName) throws IOException {
    Charset charset = Charset.forName(charsetName);
    Random random = new Random(SEED);
    byte[] first = "x".getBytes(charset);
    byte[] last = "z".getBytes(charset);
    List<byte[]> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      line.writeBytes(first);
      for (int n = random.nextInt(40); n > 0; n--) {
        int b = random.nextInt(256);
        if (b != '\n' && b != '\r') {
          line.write(b);
        }
      }
      line.writeBytes(last);
      lines.add(line.toByteArray());
    }

    List<FileRecord> records = readJsonLines(joined(lines, "\n".getBytes(charset)), charset);

    assertEquals(lines.size(), records.size(), "seed " + SEED);
    for (int i = 0; i < lines.size(); i++) {
      assertBytes(lines.get(i), records.get(i), "seed " + SEED + ", line " + (i + 1));
    }
  }

  /** UTF-16 with a mark and random code units, unpaired surrogates included. */
  @Test
  void everyLineOfRandomUtf16UnitsComesBackByteForByte() throws IOException {
    Random random = new Random(SEED);
    List<byte[]> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      line.writeBytes(new byte[] {'x', 0});
      for (int n = random.nextInt(30); n > 0; n--) {
        int unit = random.nextBoolean() ? random.nextInt(0x10000) : 0xD800 + random.nextInt(0x800);
        if (unit != '\n' && unit != '\r') {
          line.writeBytes(new byte[] {(byte) unit, (byte) (unit >> 8)});
        }
      }
      line.writeBytes(new byte[] {'z', 0});
      lines.add(line.toByteArray());
    }
    byte[] file =
        DecodingReaderTest.concat(
            new byte[] {(byte) 0xFF, (byte) 0xFE}, joined(lines, new byte[] {'\n', 0}));

    List<FileRecord> records = readJsonLines(file, Charset.forName("UTF-16"));

    assertEquals(lines.size(), records.size(), "seed " + SEED);
    for (int i = 0; i < lines.size(); i++) {
      assertBytes(lines.get(i), records.get(i), "seed " + SEED + ", line " + (i + 1));
    }
  }

  @Test
  void aValidUtf8RecordCarriesNoSecondCopy() throws IOException {
    byte[] file = "{\"a\":\"Zoë 東京 😀\"}\n{\"b\":1}".getBytes(StandardCharsets.UTF_8);
    for (FileRecord record : readJsonLines(file, StandardCharsets.UTF_8)) {
      assertNull(record.bytes(), record::text);
    }
  }

  /**
   * In IBM1026 (EBCDIC) both 0x25 and 0x15 read as a line feed, which is written back as 0x15: the
   * 0x25 inside a quoted CSV field must come back as 0x25.
   */
  @Test
  void csvRecordKeepsALineBreakTheCharsetReadsTwoWays() throws IOException {
    Charset ebcdic = Charset.forName("IBM1026");
    byte[] record =
        DecodingReaderTest.concat(
            "\"a".getBytes(ebcdic), new byte[] {0x25}, "b\",1".getBytes(ebcdic));
    byte[] file = DecodingReaderTest.concat("id,n".getBytes(ebcdic), new byte[] {0x25}, record);

    List<FileRecord> records = readCsv(file, ebcdic, true);

    assertEquals(1, records.size());
    assertEquals("\"a\nb\",1", records.get(0).text());
    assertBytes(record, records.get(0), "IBM1026");
  }

  @Test
  void csvRecordAfterIgnoredEmptyLinesKeepsOnlyItsOwnBytes() throws IOException {
    byte[] file = "a,1\n\n\nZo\u00EB,2\n".getBytes(StandardCharsets.ISO_8859_1);
    List<FileRecord> records = readCsv(file, StandardCharsets.ISO_8859_1, false);
    assertBytes("Zo\u00EB,2".getBytes(StandardCharsets.ISO_8859_1), records.get(1), "latin-1");
  }

  @Test
  void malformedCsvRestKeepsItsBytes() throws IOException {
    byte[] rest = {'5', ',', '"', 'c', 'a', 'f', (byte) 0xE9, '\n'};
    byte[] file = DecodingReaderTest.concat("4,ok\n".getBytes(StandardCharsets.UTF_8), rest);
    List<FileRecord> records = readCsv(file, StandardCharsets.UTF_8, false);
    assertEquals(2, records.size());
    assertBytes(rest, records.get(1), "malformed rest");
  }

  private static List<FileRecord> readCsv(byte[] file, Charset charset, boolean headers)
      throws IOException {
    return Records.all(
        new CsvFileReader(
            new DecodingReader(new ByteArrayInputStream(file), charset),
            CSVFormat.DEFAULT,
            headers));
  }

  private static List<FileRecord> readJsonLines(byte[] file, Charset charset) throws IOException {
    return Records.all(
        new JsonLinesReader(new DecodingReader(new ByteArrayInputStream(file), charset)));
  }

  /** The record's bytes: its own copy, or (when it has none) its text's UTF-8 form, valid UTF-8. */
  private static void assertBytes(byte[] expected, FileRecord record, String context) {
    byte[] actual =
        record.bytes() != null ? record.bytes() : record.text().getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(
        expected,
        actual,
        () ->
            context
                + ": expected "
                + HexFormat.of().formatHex(expected)
                + " but was "
                + HexFormat.of().formatHex(actual));
    if (record.bytes() == null) {
      assertValidUtf8(actual, context);
    }
  }

  private static void assertValidUtf8(byte[] bytes, String context) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new AssertionError(context + ": no bytes kept for text that was not UTF-8", e);
    }
  }

  private static byte[] joined(List<byte[]> lines, byte[] lineBreak) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        out.writeBytes(lineBreak);
      }
      out.writeBytes(lines.get(i));
    }
    return out.toByteArray();
  }
}
