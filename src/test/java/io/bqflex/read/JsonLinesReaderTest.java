package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {

  private static List<FileRecord> read(String text) throws IOException {
    return Records.all(new JsonLinesReader(new StringReader(text)));
  }

  @Test
  void numbersEachLine() throws IOException {
    List<FileRecord> records = read("{\"a\":1}\n{\"a\":2}\n");
    assertEquals(
        List.of("{\"a\":1}", "{\"a\":2}"), records.stream().map(FileRecord::text).toList());
    assertEquals(List.of(1L, 2L), records.stream().map(FileRecord::number).toList());
  }

  @Test
  void skipsBlankLinesButKeepsLineNumbers() throws IOException {
    List<FileRecord> records = read("\n{\"a\":1}\n   \n\t\r\n{\"a\":2}\n\n");
    assertEquals(
        List.of("{\"a\":1}", "{\"a\":2}"), records.stream().map(FileRecord::text).toList());
    assertEquals(List.of(2L, 5L), records.stream().map(FileRecord::number).toList());
  }

  @Test
  void dropsTheCrOfCrLf() throws IOException {
    List<FileRecord> records = read("{\"a\":1}\r\n{\"a\":\"x\\r\"}\r\n");
    assertEquals(
        List.of("{\"a\":1}", "{\"a\":\"x\\r\"}"), records.stream().map(FileRecord::text).toList());
  }

  /**
   * BigQuery loads newline-delimited JSON, "the same format as the JSON Lines format", with "each
   * JSON object on a separate line"
   * (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-json); JSON Lines' separator
   * is LF, CR LF only because JSON ignores whitespace around a value. So a lone CR is whitespace
   * inside a line, not a line end: two objects split by one are one line, which the parser refuses.
   */
  @Test
  void aLoneCrIsWhitespaceInsideALineNotALineEnd() throws IOException {
    List<FileRecord> records = read("{\"a\":\r1}\r\n{\"a\":2}\r{\"a\":3}\n\r\n\r{\"a\":4}\r");
    assertEquals(
        List.of("{\"a\":\r1}", "{\"a\":2}\r{\"a\":3}", "\r{\"a\":4}"),
        records.stream().map(FileRecord::text).toList());
    assertEquals(List.of(1L, 2L, 4L), records.stream().map(FileRecord::number).toList());
  }

  @Test
  void keepsLastLineWithoutLineFeed() throws IOException {
    assertEquals(List.of("1", "2"), read("1\n2").stream().map(FileRecord::text).toList());
  }

  @Test
  void readsLinesLongerThanItsBuffer() throws IOException {
    String longLine = "{\"v\":\"" + "東".repeat(50_000) + "\"}";
    List<FileRecord> records = read("{}\n" + longLine + "\n{}");
    assertEquals(List.of("{}", longLine, "{}"), records.stream().map(FileRecord::text).toList());
  }

  @Test
  void yieldsNothingForAnEmptyFile() throws IOException {
    assertEquals(List.of(), read(""));
  }

  @Test
  void failsOnlyTheLineWithInvalidBytes() throws IOException {
    byte[] bytes =
        "{\"n\":\"ok\"}\n{\"n\":\"Zo?\"}\n{\"n\":\"東京\"}\n".getBytes(StandardCharsets.UTF_8);
    bytes[new String(bytes, StandardCharsets.ISO_8859_1).indexOf('?')] = (byte) 0xFF;
    List<FileRecord> records =
        Records.all(
            new JsonLinesReader(
                new DecodingReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)));
    assertEquals(3, records.size());
    assertTrue(records.get(0).isReadable());
    assertFalse(records.get(1).isReadable());
    assertEquals("{\"n\":\"Zo\uFFFD\"}", records.get(1).text());
    assertTrue(records.get(2).isReadable());
    assertEquals("{\"n\":\"東京\"}", records.get(2).text());
  }
}
