package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLinesReaderTest {

  private static List<FileRecord> read(String text) throws IOException {
    return Records.all(new TextLinesReader(new StringReader(text)));
  }

  private static List<String> texts(List<FileRecord> records) {
    return records.stream().map(FileRecord::text).toList();
  }

  @Test
  void keepsBlankLinesAsRecordsNumberedByLine() throws IOException {
    List<FileRecord> records = read("a,1\n\n   \nb,2\n");
    assertEquals(List.of("a,1", "", "   ", "b,2"), texts(records));
    assertEquals(List.of(1L, 2L, 3L, 4L), records.stream().map(FileRecord::number).toList());
  }

  @Test
  void dropsTheCrOfCrLfButKeepsOtherWhitespace() throws IOException {
    assertEquals(List.of("a\t", " b ", ""), texts(read("a\t\r\n b \r\n\r\n")));
  }

  @Test
  void aFinalLineFeedDoesNotMakeAnEmptyRecordButAMissingOneKeepsTheLastLine() throws IOException {
    assertEquals(List.of("1", "2"), texts(read("1\n2\n")));
    assertEquals(List.of("1", "2"), texts(read("1\n2")));
  }

  @Test
  void readsLinesLongerThanItsBuffer() throws IOException {
    String longLine = "東".repeat(50_000);
    assertEquals(List.of("x", longLine, "y"), texts(read("x\n" + longLine + "\ny")));
  }

  @Test
  void yieldsNothingForAnEmptyFile() throws IOException {
    assertEquals(List.of(), read(""));
  }

  @Test
  void failsOnlyTheLineWithInvalidBytesAndKeepsItsOriginalBytes() throws IOException {
    byte[] bytes = "ok\nZo?\n東京\n".getBytes(StandardCharsets.UTF_8);
    bytes[3 + 2] = (byte) 0xFF;
    List<FileRecord> records =
        Records.all(
            new TextLinesReader(
                new DecodingReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)));
    assertEquals(3, records.size());
    assertTrue(records.get(0).isReadable());
    assertFalse(records.get(1).isReadable());
    assertEquals("Zo\uFFFD", records.get(1).text());
    assertArrayEquals(Arrays.copyOfRange(bytes, 3, 6), records.get(1).bytes());
    assertTrue(records.get(2).isReadable());
    assertEquals("東京", records.get(2).text());
  }
}
