package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchParametersTest {

  private static Map<String, String> ordered(String... namesAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void parsesNameValuePairsInOrder() {
    Map<String, String> parsed = LaunchParameters.parse("b=2,a=1,c=3");

    assertEquals(ordered("b", "2", "a", "1", "c", "3"), parsed);
    assertEquals(List.of("b", "a", "c"), List.copyOf(parsed.keySet()));
  }

  @Test
  void splitsEachEntryAtItsFirstEquals() {
    assertEquals(
        ordered("query", "a=b", "filter", "x==y"), LaunchParameters.parse("query=a=b,filter=x==y"));
  }

  @Test
  void keepsEmptyValues() {
    assertEquals(ordered("a", "", "b", "2"), LaunchParameters.parse("a=,b=2"));
  }

  @Test
  void ignoresOneTrailingDelimiterLikeGcloud() {
    assertEquals(ordered("a", "1"), LaunchParameters.parse("a=1,"));
  }

  @Test
  void parsesNothingFromEmptyText() {
    assertEquals(Map.of(), LaunchParameters.parse(""));
  }

  @Test
  void parsesGcloudAlternateDelimiter() {
    assertEquals(ordered("a", "1,2", "b", "x"), LaunchParameters.parse("^~^a=1,2~b=x"));
  }

  @Test
  void parsesMultiCharacterAlternateDelimiter() {
    assertEquals(ordered("a", "x-,y", "b", "z"), LaunchParameters.parse("^--^a=x-,y--b=z"));
  }

  @Test
  void treatsLoneCaretAsText() {
    assertEquals(ordered("^a", "1", "b", "2"), LaunchParameters.parse("^a=1,b=2"));
  }

  @Test
  void parsesCommaDelimiterSpelledOutToStartWithCaret() {
    assertEquals(ordered("^a^b", "1"), LaunchParameters.parse("^,^^a^b=1"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          a=1,flag,b=2  | parameter entry 'flag' has no '=': write name=value; a value with a comma
          a=1,=2        | parameter entry '=2' has an empty name
          a=1,b=2,a=3   | parameter 'a' is given twice (in entry 'a=3')
          a=1,,b=2      | parameter entry 2 is empty
          ^^a=1         | an empty alternate delimiter
          ^~^a=1~flag   | parameter entry 'flag' has no '=': write name=value; a value containing the delimiter '~'
          """)
  void refusesMalformedTextNamingTheEntry(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LaunchParameters.parse(text.strip()));

    assertTrue(e.getMessage().contains(message.strip()), e.getMessage());
  }

  @Test
  void formatsPlainPairsWithCommas() {
    assertEquals("a=1,b=x=y,c=", LaunchParameters.format(ordered("a", "1", "b", "x=y", "c", "")));
  }

  @Test
  void formatsWithTildeOnlyWhenAValueHoldsAComma() {
    assertEquals("^~^a=1,2~b=x", LaunchParameters.format(ordered("a", "1,2", "b", "x")));
  }

  @Test
  void formatsWithAnotherDelimiterWhenValuesHoldTilde() {
    String text = LaunchParameters.format(ordered("a", "1,2", "b", "~home"));

    assertEquals("^:^a=1,2:b=~home", text);
  }

  @Test
  void escapesTextThatWouldStartLikeAnAlternateDelimiter() {
    Map<String, String> parameters = ordered("^a^b", "1");

    String text = LaunchParameters.format(parameters);

    assertTrue(text.startsWith("^"), text);
    assertEquals(parameters, LaunchParameters.parse(text));
  }

  @Test
  void formatRoundTripsThroughParseEvenWhenValuesUseEveryCommonDelimiter() {
    Map<String, String> parameters = ordered("a", "~:;|@#%+!/,", "b", "plain", "c", "x=1,y=2");

    String text = LaunchParameters.format(parameters);

    assertEquals(parameters, LaunchParameters.parse(text));
  }

  @Test
  void formatsNothingAsEmptyText() {
    assertEquals("", LaunchParameters.format(Map.of()));
  }

  @Test
  void refusesToFormatNameThatCannotBeParsedBack() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LaunchParameters.format(ordered("a=b", "1")));

    assertFalse(e.getMessage().isEmpty());
    assertTrue(e.getMessage().contains("'a=b'"), e.getMessage());
  }
}
