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

  /** Beam's TextIO, which Google's template reads with, ends a line at LF, CR LF or a lone CR. */
  @Test
  void endsALineAtLfCrLfOrALoneCrAsBeamsTextIoDoes() throws IOException {
    List<FileRecord> records = read("a\rb\r\nc\n\rd\r\r\ne\r");
    assertEquals(List.of("a", "b", "c", "", "d", "", "e"), texts(records));
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), records.stream().map(FileRecord::number).toList());
  }

  @Test
  void aCrLfAcrossTheReadersBufferIsOneLineEnd() throws IOException {
    for (int length = 8185; length <= 8195; length++) {
      String longLine = "x".repeat(length);
      assertEquals(List.of(longLine, "y"), texts(read(longLine + "\r\ny")), "length " + length);
    }
  }

  @Test
  void aLineAfterALoneCrKeepsExactlyItsOwnBytes() throws IOException {
    byte[] bytes = "Zoë\r東?京\r\nOs?lo\r".getBytes(StandardCharsets.UTF_8);
    String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
    int second = latin1.indexOf('?');
    int third = latin1.lastIndexOf('?');
    bytes[second] = (byte) 0xFF;
    bytes[third] = (byte) 0xFE;
    List<FileRecord> records =
        Records.all(
            new TextLinesReader(
                new DecodingReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)));
    assertEquals(List.of("Zoë", "東\uFFFD京", "Os\uFFFDlo"), texts(records));
    assertTrue(records.get(0).isReadable());
    int secondStart = "Zoë\r".getBytes(StandardCharsets.UTF_8).length;
    int secondEnd = latin1.indexOf('\r', secondStart);
    assertArrayEquals(Arrays.copyOfRange(bytes, secondStart, secondEnd), records.get(1).bytes());
    assertArrayEquals(
        Arrays.copyOfRange(bytes, secondEnd + 2, bytes.length - 1), records.get(2).bytes());
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
