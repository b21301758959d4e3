package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CsvRecordParserTest {

  /** Records with and without quotes, escapes, spaces and null strings, in {@code d}. */
  private static List<String> samples(String d) {
    List<String> samples = new ArrayList<>();
    for (String value :
        List.of("a", "", " a ", "\t", "\\N", "N", "1.5", "\"q\"", "\"a" + d + "b\"", "x\\" + d)) {
      samples.add(value);
      samples.add(value + d + "z");
      samples.add("z" + d + value);
      samples.add(value + d + value + d);
    }
    samples.add(d + d);
    samples.add("\"multi\nline\"" + d + "x");
    return samples;
  }

  /** The direct split must give exactly what Commons CSV gives, for every format. */
  @ParameterizedTest
  @EnumSource(CSVFormat.Predefined.class)
  void parsesLikeCommonsCsv(CSVFormat.Predefined predefined) throws Exception {
    assertParsesLikeCommonsCsv(predefined.getFormat(), predefined.name());
  }

  /** Also in the strict quote mode that keeps a quoted empty value apart from an unquoted one. */
  @ParameterizedTest
  @EnumSource(CSVFormat.Predefined.class)
  void parsesLikeCommonsCsvUnderTheDefaultNullMarker(CSVFormat.Predefined predefined)
      throws Exception {
    assertParsesLikeCommonsCsv(
        CsvLoadOptions.defaults().recordFormat(predefined.getFormat()), predefined.name());
  }

  private static void assertParsesLikeCommonsCsv(CSVFormat format, String predefined)
      throws Exception {
    CsvRecordParser parser = new CsvRecordParser(format);
    List<String> samples = samples(format.getDelimiterString());
    int compared = 0;
    for (String text : samples) {
      String[] expected = commonsCsvValues(format, text);
      if (expected != null) {
        assertArrayEquals(expected, parser.parse(text), predefined + ": " + text);
        compared++;
      }
    }
    assertTrue(compared > samples.size() * 3 / 4, "compared only " + compared);
  }

  /** One record's values per Commons CSV; null when it sees no single valid record. */
  private static String[] commonsCsvValues(CSVFormat format, String text) throws Exception {
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      List<CSVRecord> records = parser.getRecords();
      return records.size() == 1 ? records.get(0).values() : null;
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  void readsEmptyTextAsOneEmptyValue() throws RecordException {
    assertArrayEquals(new String[] {""}, new CsvRecordParser(CSVFormat.EXCEL).parse(""));
  }

  @Test
  void rejectsUnterminatedQuoteAtParseStage() {
    RecordException e =
        assertThrows(
            RecordException.class, () -> new CsvRecordParser(CSVFormat.DEFAULT).parse("a,\"b"));
    assertEquals(Stage.PARSE, e.stage());
  }

  @Test
  void rejectsTextHoldingTwoRecords() {
    RecordException e =
        assertThrows(
            RecordException.class,
            () -> new CsvRecordParser(CSVFormat.DEFAULT).parse("a,\"b\"\nc"));
    assertEquals(Stage.PARSE, e.stage());
  }

  @Test
  void survivesSerialization() throws RecordException {
    CsvRecordParser parser =
        SerializableUtils.clone(new CsvRecordParser(CsvFormats.named("TDF", null)));
    assertArrayEquals(new String[] {"a", "b c"}, parser.parse(" a\t\"b c\" "));
  }
}
