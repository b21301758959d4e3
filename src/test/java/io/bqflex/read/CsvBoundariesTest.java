package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.rows.CsvFormats;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

class CsvBoundariesTest {
  private static final Charset UTF8 = StandardCharsets.UTF_8;

  @Test
  void splitsTheFormatsWithoutEscapes() {
    for (String name :
        List.of("Default", "RFC4180", "Excel", "TDF", "InformixUnloadCsv", "PostgreSQLCsv")) {
      for (String delimiter : new String[] {null, ";", "|", "\\t"}) {
        CSVFormat format = CsvFormats.named(name, delimiter);
        assertNull(CsvBoundaries.whyReadWhole(format, UTF8), name + " " + delimiter);
        assertNotNull(CsvBoundaries.of(format, UTF8), name + " " + delimiter);
        assertNotNull(CsvBoundaries.of(format, StandardCharsets.ISO_8859_1), name);
      }
    }
  }

  @Test
  void readsTheEscapeFormatsWholeSayingWhy() {
    for (String name :
        List.of(
            "InformixUnload", "MongoDBCsv", "MongoDBTsv", "MySQL", "Oracle", "PostgreSQLText")) {
      CSVFormat format = CsvFormats.named(name, null);
      assertNull(CsvBoundaries.of(format, UTF8), name);
      String why = CsvBoundaries.whyReadWhole(format, UTF8);
      assertTrue(why.startsWith("CSV "), why);
      assertTrue(why.substring(4).startsWith(name) || why.contains("/" + name + " "), why);
      assertTrue(why.contains(" is read whole: its escape character "), why);
    }
  }

  @Test
  void readsWholeWhatItDoesNotModel() {
    CSVFormat base = CSVFormat.DEFAULT;
    assertReadWhole(base, Charset.forName("UTF-16"), "UTF-16 is not split");
    assertReadWhole(base.builder().setDelimiter("::").get(), UTF8, "not one ASCII character");
    assertReadWhole(base.builder().setDelimiter('§').get(), UTF8, "not one ASCII character");
    assertReadWhole(base.builder().setQuote('«').get(), UTF8, "is not ASCII");
    assertReadWhole(base.builder().setCommentMarker('#').get(), UTF8, "comment lines");
    assertReadWhole(base.builder().setHeader("a").get(), UTF8, "its own header");
    assertReadWhole(base.builder().setSkipHeaderRecord(true).get(), UTF8, "its own header");
    assertReadWhole(base.builder().setMaxRows(5).get(), UTF8, "maxRows");
    assertReadWhole(base.builder().setTrailingDelimiter(true).get(), UTF8, "trailing delimiter");
  }

  @Test
  void namesAFormatWithAnotherDelimiter() {
    assertEquals("CSV TDF with delimiter ';'", CsvBoundaries.name(CsvFormats.named("TDF", ";")));
    assertEquals("CSV Excel", CsvBoundaries.name(CSVFormat.EXCEL));
    // Commons CSV 1.14 defines MySQL and PostgreSQLText alike: the name cannot pick one.
    assertEquals("CSV MySQL/PostgreSQLText", CsvBoundaries.name(CSVFormat.MYSQL));
  }

  @Test
  void quoteInsideAnUnquotedFieldIsPlainText() {
    // ab"c: the quote opens nothing, so the line end ends the record.
    assertEquals(List.of(0, 5), run(CSVFormat.DEFAULT, "ab\"c\nd").units);
  }

  @Test
  void lineEndsInsideQuotesAreText() {
    assertEquals(List.of(0, 12), run(CSVFormat.DEFAULT, "\"a\r\nb\",\"\n\"\r\nc").units);
  }

  @Test
  void doubledQuoteStaysInsideQuotes() {
    assertEquals(List.of(0, 8), run(CSVFormat.DEFAULT, "\"a\"\"\nb\"\nc").units);
  }

  @Test
  void emptyLinesAreNoRecordsWhereTheFormatIgnoresThem() {
    String text = "a\r\n\r\n\nb\n\n";
    assertEquals(List.of(0, 6), run(CSVFormat.DEFAULT, text).units);
    assertEquals(List.of(0, 3, 5, 6, 8), run(CSVFormat.RFC4180, text).units);
  }

  @Test
  void textAfterClosingQuoteIsAFaultUnlessTheFormatAllowsIt() {
    assertTrue(run(CSVFormat.DEFAULT, "\"a\"b,c\nd").fault);
    assertFalse(run(CSVFormat.EXCEL, "\"a\"b\"c,d\ne").fault);
    assertEquals(List.of(0, 9), run(CSVFormat.EXCEL, "\"a\"b\"c,d\ne").units);
  }

  @Test
  void whitespaceAfterClosingQuoteIsAllowedMultiByteToo() {
    assertFalse(run(CSVFormat.DEFAULT, "\"a\" \t\u3000\u2000,b\n").fault);
    // U+200B is not whitespace to Character.isWhitespace; a cut U+3000 decodes as U+FFFD.
    assertTrue(run(CSVFormat.DEFAULT, "\"a\"\u200B,b\n").fault);
    byte[] cutSpace = {'"', 'a', '"', (byte) 0xE3, (byte) 0x80, ',', 'b'};
    assertTrue(run(CSVFormat.DEFAULT, cutSpace).fault);
  }

  @Test
  void unterminatedQuoteEndsCleanlyOnlyWhereEofIsLenient() {
    assertFalse(run(CSVFormat.DEFAULT, "a\n\"b\nc").endsCleanly);
    assertTrue(run(CSVFormat.EXCEL, "a\n\"b\nc").endsCleanly);
  }

  @Test
  void spacesBeforeAQuoteAreSkippedWhereTheFormatIgnoresThem() {
    // TDF skips spaces (U+3000 too) before a quote, which then encapsulates the line feed.
    assertEquals(List.of(0, 10), run(CSVFormat.TDF, " \u3000\"a\nb\"\nc").units);
    // Default does not: the quote is text and the line feed ends the record.
    assertEquals(List.of(0, 7, 10), run(CSVFormat.DEFAULT, " \u3000\"a\nb\"\nc").units);
  }

  @Test
  void headerIsSkippedOncePerSplitFile() throws Exception {
    byte[] file = "h1,h2\r\n\"a\nb\",1\r\nc,2\r\nd,3\r\n".getBytes(UTF8);
    FileFormat format = FileFormat.csv(CSVFormat.DEFAULT, true, null, "encoding");
    var spans = SplitReads.spans(file, format, 4);
    assertEquals(4, spans.size(), spans.toString());
    var records = SplitReads.split(file, format, 4);
    assertEquals(List.of(2L, 3L, 4L), records.stream().map(SplitReads.Read::number).toList());
    assertEquals(List.of("a\nb", "1"), records.get(0).values());
    assertEquals(SplitReads.whole(file, format), records);
  }

  @Test
  void minimizingLeavesFewStates() {
    for (CSVFormat format : List.of(CSVFormat.DEFAULT, CSVFormat.RFC4180, CSVFormat.TDF)) {
      BoundaryMachine raw = new CsvLexerMachine(format, UTF8).build("raw");
      BoundaryMachine minimal = CsvBoundaries.of(format, UTF8);
      assertTrue(minimal.stateCount() < raw.stateCount(), minimal + " from " + raw);
    }
  }

  /** What the machine finds reading {@code text}'s UTF-8 bytes from the file's start. */
  private record Run(List<Integer> units, boolean fault, boolean endsCleanly) {}

  private static Run run(CSVFormat format, String text) {
    return run(format, text.getBytes(UTF8));
  }

  private static Run run(CSVFormat format, byte[] bytes) {
    BoundaryMachine machine = CsvBoundaries.of(format, UTF8);
    List<Integer> units = new ArrayList<>();
    int state = machine.startState();
    boolean fault = false;
    for (int i = 0; i < bytes.length; i++) {
      if (machine.startsUnit(state, bytes[i])) {
        units.add(i);
      }
      state = machine.next(state, bytes[i]);
      fault |= machine.isFault(state);
    }
    return new Run(units, fault, machine.endsCleanly(state));
  }

  private static void assertReadWhole(CSVFormat format, Charset charset, String reason) {
    assertNull(CsvBoundaries.of(format, charset));
    String why = CsvBoundaries.whyReadWhole(format, charset);
    assertTrue(why != null && why.contains(reason), why);
  }
}
