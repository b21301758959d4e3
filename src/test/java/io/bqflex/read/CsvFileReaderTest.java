package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.RecordException;
import io.bqflex.rows.CsvFormats;
import io.bqflex.rows.CsvRecordParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CsvFileReaderTest {

  private static List<FileRecord> read(String text, CSVFormat format, boolean headers)
      throws IOException {
    return Records.all(new CsvFileReader(new StringReader(text), format, headers));
  }

  private static List<FileRecord> read(String text) throws IOException {
    return read(text, CSVFormat.DEFAULT, false);
  }

  private static List<String> texts(List<FileRecord> records) {
    return records.stream().map(FileRecord::text).toList();
  }

  private static FileRecord only(List<FileRecord> records) {
    assertEquals(1, records.size(), () -> "records: " + texts(records));
    return records.get(0);
  }

  @Test
  void keepsQuotedDelimiterInsideOneValue() throws IOException {
    FileRecord record = only(read("1,\"Smith, John\",x\n"));
    assertEquals(List.of("1", "Smith, John", "x"), record.values());
    assertEquals("1,\"Smith, John\",x", record.text());
  }

  @Test
  void unescapesDoubledQuotesInValuesButKeepsThemInText() throws IOException {
    FileRecord record = only(read("\"say \"\"hi\"\"\",2\r\n"));
    assertEquals(List.of("say \"hi\"", "2"), record.values());
    assertEquals("\"say \"\"hi\"\"\",2", record.text());
  }

  @Test
  void keepsQuotedLineBreaksInText() throws IOException {
    List<FileRecord> records = read("a,\"line one\r\nline two\nthree\"\r\nb,c\n");
    assertEquals(List.of("a,\"line one\r\nline two\nthree\"", "b,c"), texts(records));
    assertEquals("line one\r\nline two\nthree", records.get(0).values().get(1));
    assertEquals(List.of(1L, 2L), records.stream().map(FileRecord::number).toList());
  }

  @Test
  void endsRecordsAtCrLfLfAndCr() throws IOException {
    List<FileRecord> records = read("a,1\r\nb,2\nc,3\rd,4");
    assertEquals(List.of("a,1", "b,2", "c,3", "d,4"), texts(records));
  }

  @Test
  void keepsLastRecordWithoutLineTerminator() throws IOException {
    assertEquals(List.of("a,b", "c,\"d\ne\""), texts(read("a,b\nc,\"d\ne\"")));
  }

  @Test
  void skipsHeaderAndNumbersFirstDataRecordTwo() throws IOException {
    List<FileRecord> records = read("id,name\n1,Ann\n2,Bob\n", CSVFormat.DEFAULT, true);
    assertEquals(List.of("1,Ann", "2,Bob"), texts(records));
    assertEquals(List.of(2L, 3L), records.stream().map(FileRecord::number).toList());
  }

  @Test
  void leavesIgnoredEmptyLinesOutOfTextAndNumbers() throws IOException {
    List<FileRecord> records = read("\n\na,b\n\n\r\nc,d\n\n");
    assertEquals(List.of("a,b", "c,d"), texts(records));
    assertEquals(List.of(1L, 2L), records.stream().map(FileRecord::number).toList());
  }

  @Test
  void keepsEmptyLinesAsRecordsWhereTheFormatDoes() throws IOException {
    List<FileRecord> records = read("a,b\n\nc,d\n", CSVFormat.EXCEL, false);
    assertEquals(List.of("a,b", "", "c,d"), texts(records));
  }

  @Test
  void keepsNonAsciiText() throws IOException {
    FileRecord record = only(read("Zoë,東京,\"naïve, 😀\"\n"));
    assertEquals(List.of("Zoë", "東京", "naïve, 😀"), record.values());
    assertEquals("Zoë,東京,\"naïve, 😀\"", record.text());
  }

  @Test
  void readsMySqlEscapesAndNulls() throws IOException {
    CSVFormat mySql = CsvFormats.named("mysql", null);
    List<FileRecord> records = read("1\ttab\\there\t\\N\n2\tline\\\nbreak\tx\n", mySql, false);
    assertEquals(List.of("1\ttab\\there\t\\N", "2\tline\\\nbreak\tx"), texts(records));
    assertEquals(Arrays.asList("1", "tab\there", null), records.get(0).values());
    assertEquals(List.of("2", "line\nbreak", "x"), records.get(1).values());
  }

  @Test
  void readsTdfWithSurroundingSpaces() throws IOException {
    FileRecord record = only(read("  a \t b\t\"c\"  \r\n", CsvFormats.named("TDF", null), false));
    assertEquals(List.of("a", "b", "c"), record.values());
    assertEquals("  a \t b\t\"c\"  ", record.text());
  }

  @Test
  void keepsRecordsBeforeUnterminatedQuoteAndReportsTheRest() throws IOException {
    List<FileRecord> records = read("h1,h2\na,b\nc,\"never closed\nd,e\n", CSVFormat.DEFAULT, true);
    assertEquals(2, records.size(), () -> "records: " + texts(records));
    assertTrue(records.get(0).isReadable());
    assertEquals("a,b", records.get(0).text());
    FileRecord rest = records.get(1);
    assertFalse(rest.isReadable());
    assertEquals(3, rest.number());
    assertEquals("c,\"never closed\nd,e\n", rest.text());
    assertTrue(rest.failure().contains("line 3"), rest.failure());
    assertTrue(rest.failure().contains("EOF reached before encapsulated token finished"));
  }

  @Test
  void reportsRestAfterTextFollowingAClosingQuote() throws IOException {
    List<FileRecord> records = read("a,b\r\n\r\n\"c\"x,d\r\ne,f\r\n");
    assertEquals(List.of("a,b", "\"c\"x,d\r\ne,f\r\n"), texts(records));
    assertFalse(records.get(1).isReadable());
    assertTrue(records.get(1).failure().contains("line 3"), records.get(1).failure());
  }

  @Test
  void readsRecordsLongerThanTheParsersBuffer() throws IOException {
    String longValue = "x".repeat(100_000);
    String file = "1,\"" + longValue + "\n" + longValue + "\"\n2,y\n".repeat(3);
    List<FileRecord> records = read(file);
    assertEquals(4, records.size());
    assertEquals("1,\"" + longValue + "\n" + longValue + "\"", records.get(0).text());
    assertEquals("2,y", records.get(3).text());
  }

  @Test
  void readsManySmallRecordsAcrossBufferRefills() throws IOException {
    StringBuilder file = new StringBuilder();
    for (int i = 1; i <= 20_000; i++) {
      file.append(i).append(",\"v ").append(i).append("\"").append(i % 2 == 0 ? "\r\n" : "\n");
    }
    List<FileRecord> records = read(file.toString());
    assertEquals(20_000, records.size());
    for (int i = 1; i <= 20_000; i++) {
      assertEquals(i + ",\"v " + i + "\"", records.get(i - 1).text());
    }
  }

  /** The conversion step re-parses the text; it must find the values the reader found. */
  @ParameterizedTest
  @EnumSource(CSVFormat.Predefined.class)
  void textParsesBackToTheSameValuesInEveryFormat(CSVFormat.Predefined predefined)
      throws Exception {
    CSVFormat format = predefined.getFormat();
    String d = format.getDelimiterString();
    String file =
        String.join(d, "plain", "", " spaced ", "\\N")
            + "\r\n"
            + String.join(d, "\"quoted" + d + "x\"", "\"two\nlines\"", "\"q\"\"q\"")
            + "\n\n"
            + String.join(d, "back\\\\slash", "esc\\" + d + "aped", "end\\\nline")
            + "\n";
    CsvRecordParser parser = new CsvRecordParser(format);
    List<FileRecord> records = read(file, format, false);
    assertTrue(records.size() >= 3, () -> "records: " + texts(records));
    for (FileRecord record : records) {
      assertTrue(record.isReadable(), record::failure);
      try {
        assertEquals(record.values(), Arrays.asList(parser.parse(record.text())), record.text());
      } catch (RecordException e) {
        throw new AssertionError(predefined + " cannot re-parse " + record.text(), e);
      }
    }
  }

  @Test
  void readsIso88591File() throws IOException {
    List<FileRecord> records =
        Records.all(
            new CsvFileReader(
                decoded("CsvFileReaderTest/latin1.csv", StandardCharsets.ISO_8859_1),
                CSVFormat.DEFAULT,
                true));
    assertEquals(List.of("1,Zoë,Málaga", "2,Ærø,Çà"), texts(records));
    assertTrue(records.stream().allMatch(FileRecord::isReadable));
  }

  @Test
  void dropsUtf8ByteOrderMarkBeforeTheHeader() throws IOException {
    byte[] bytes = "\uFEFFid,name\n1,Zoë\n".getBytes(StandardCharsets.UTF_8);
    List<FileRecord> records =
        Records.all(
            new CsvFileReader(
                new DecodingReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT,
                true));
    assertEquals(List.of("1,Zoë"), texts(records));
  }

  @Test
  void failsOnlyTheRecordWithBytesInvalidForTheCharset() throws IOException {
    byte[] bytes = {'a', ',', '1', '\n', 'Z', 'o', (byte) 0xEB, ',', '2', '\n', 'c', ',', '3'};
    List<FileRecord> records =
        Records.all(
            new CsvFileReader(
                new DecodingReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT,
                false));
    assertEquals(List.of("a,1", "Zo\uFFFD,2", "c,3"), texts(records));
    assertTrue(records.get(0).isReadable());
    assertFalse(records.get(1).isReadable());
    assertTrue(records.get(1).failure().contains("UTF-8"), records.get(1).failure());
    assertTrue(records.get(2).isReadable());
  }

  @Test
  void parsedValuesMatchTheParserForNullStrings() throws Exception {
    CSVFormat postgres = CsvFormats.named("PostgreSQLCsv", null);
    FileRecord record = only(read("a,,\"\"\n", postgres, false));
    assertArrayEquals(
        record.values().toArray(new String[0]), new CsvRecordParser(postgres).parse(record.text()));
    assertNull(record.values().get(1));
    assertEquals("", record.values().get(2));
  }

  private static Reader decoded(String resource, Charset charset) {
    InputStream in = CsvFileReaderTest.class.getClassLoader().getResourceAsStream(resource);
    return new DecodingReader(in, charset);
  }
}
