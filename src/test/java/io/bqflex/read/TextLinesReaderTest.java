package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
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
}
