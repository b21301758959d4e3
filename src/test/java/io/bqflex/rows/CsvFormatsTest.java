package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFormatsTest {

  @Test
  void matchesPredefinedNamesIgnoringCase() {
    assertEquals(CSVFormat.MYSQL, CsvFormats.named("mysql", null));
    assertEquals(CSVFormat.POSTGRESQL_CSV, CsvFormats.named("PostgreSQLCsv", ""));
    assertEquals(CSVFormat.TDF, CsvFormats.named("TDF", null));
  }

  @Test
  void defaultsToDefaultFormatWhenNotGiven() {
    assertEquals(CSVFormat.DEFAULT, CsvFormats.named(null, null));
    assertEquals(CSVFormat.DEFAULT, CsvFormats.named(" ", null));
  }

  @Test
  void rejectsUnknownFormatListingValidNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvFormats.named("Excell", null));
    assertTrue(e.getMessage().contains("'Excell'"), e.getMessage());
    for (CSVFormat.Predefined predefined : CSVFormat.Predefined.values()) {
      assertTrue(e.getMessage().contains(predefined.name()), e.getMessage());
    }
  }

  @Test
  void overridesTheFormatsDelimiter() {
    CSVFormat format = CsvFormats.named("Default", "|");
    assertEquals("|", format.getDelimiterString());
    assertEquals(CSVFormat.DEFAULT.getQuoteCharacter(), format.getQuoteCharacter());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\t", "tab", "TAB", "\t"})
  void acceptsTabAsUsersTypeIt(String delimiter) {
    assertEquals("\t", CsvFormats.named("Default", delimiter).getDelimiterString());
  }

  @Test
  void rejectsDelimiterLongerThanOneCharacter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvFormats.named("Default", ";;"));
    assertTrue(e.getMessage().contains("';;'"), e.getMessage());
  }

  @Test
  void rejectsDelimiterThatIsTheQuoteCharacter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvFormats.named("Default", "\""));
    assertTrue(e.getMessage().contains("delimiter"), e.getMessage());
  }
}
