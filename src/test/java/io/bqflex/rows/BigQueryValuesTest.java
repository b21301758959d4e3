package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BigQuery's per-type rules, driven through both converters with a one-field schema {@code v}. JSON
 * cases give the value as a JSON literal, so {@code "42"} (a string) and {@code 42} (a number) are
 * different inputs; CSV cases give the column text.
 */
class BigQueryValuesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          INT64      | "42"                           | 42
          INT64      | 42                             | 42
          INT64      | "-0012"                        | -12
          INT64      | "+7"                           | 7
          INT64      | 9223372036854775807            | 9223372036854775807
          INT64      | "-9223372036854775808"         | -9223372036854775808
          FLOAT64    | 1.5                            | 1.5
          FLOAT64    | 7                              | 7.0
          FLOAT64    | "2.5e3"                        | 2500.0
          FLOAT64    | "NaN"                          | NaN
          FLOAT64    | "-inf"                         | -Infinity
          FLOAT64    | "Infinity"                     | Infinity
          NUMERIC    | "1.50"                         | 1.5
          NUMERIC    | 0.1234567895                   | 0.12345679
          NUMERIC    | "-0.0000000005"                | -0.000000001
          NUMERIC    | "0.0000000004"                 | 0
          NUMERIC    | "1e3"                          | 1000
          NUMERIC    | "99999999999999999999999999999.999999999" | 99999999999999999999999999999.999999999
          BIGNUMERIC | "1.000000000000000000000000000000000000005" | 1.00000000000000000000000000000000000001
          BIGNUMERIC | "-578960446186580977117854925043439539266" | -578960446186580977117854925043439539266
          BOOL       | true                           | true
          BOOL       | "YES"                          | true
          BOOL       | "n"                            | false
          BOOL       | "0"                            | false
          BOOL       | 1                              | true
          BOOL       | "False"                        | false
          BOOL       | "T"                            | true
          BYTES      | "aGVsbG8="                     | aGVsbG8=
          BYTES      | "aGVsbG8"                      | aGVsbG8=
          DATE       | "2024-01-02"                   | 2024-01-02
          DATE       | "2024-1-2"                     | 2024-01-02
          DATE       | "2024-02-29"                   | 2024-02-29
          TIME       | "03:04:05"                     | 03:04:05.000000
          TIME       | "3:4:5.123"                    | 03:04:05.123000
          TIME       | "23:59:59.999999"              | 23:59:59.999999
          DATETIME   | "2024-01-02 03:04:05.123456"   | 2024-01-02T03:04:05.123456
          DATETIME   | "2024-01-02T03:04:05"          | 2024-01-02T03:04:05.000000
          DATETIME   | "2024-01-02"                   | 2024-01-02T00:00:00.000000
          TIMESTAMP  | "2024-01-02 03:04:05"          | 2024-01-02T03:04:05.000000Z
          TIMESTAMP  | "2024-01-02T03:04:05.5Z"       | 2024-01-02T03:04:05.500000Z
          TIMESTAMP  | "2024-01-02 03:04:05 UTC"      | 2024-01-02T03:04:05.000000Z
          TIMESTAMP  | "2024-01-02 03:04:05+01:00"    | 2024-01-02T02:04:05.000000Z
          TIMESTAMP  | "2024-01-01 23:00:00.000001-02:00" | 2024-01-02T01:00:00.000001Z
          TIMESTAMP  | "2024-01-02 03:04:05 +0530"    | 2024-01-01T21:34:05.000000Z
          TIMESTAMP  | "2024/01/02 03:04:05"          | 2024-01-02T03:04:05.000000Z
          TIMESTAMP  | "2024-01-02"                   | 2024-01-02T00:00:00.000000Z
          TIMESTAMP  | "9999-12-31 23:59:59.999999"   | 9999-12-31T23:59:59.999999Z
          TIMESTAMP  | 1534680695                     | 2018-08-19T12:11:35.000000Z
          TIMESTAMP  | "1534680695"                   | 2018-08-19T12:11:35.000000Z
          TIMESTAMP  | 1408452095.220                 | 2014-08-19T12:41:35.220000Z
          TIMESTAMP  | "1.534680695e9"                | 2018-08-19T12:11:35.000000Z
          TIMESTAMP  | 1.5346806955E+9                | 2018-08-19T12:11:35.500000Z
          TIMESTAMP  | -1.5                           | 1969-12-31T23:59:58.500000Z
          TIMESTAMP  | 0.0000004999                   | 1970-01-01T00:00:00.000000Z
          TIMESTAMP  | 0.0000005                      | 1970-01-01T00:00:00.000001Z
          TIMESTAMP  | -0.0000005                     | 1969-12-31T23:59:59.999999Z
          TIMESTAMP  | -62135596800                   | 0001-01-01T00:00:00.000000Z
          TIMESTAMP  | 253402300799.999999            | 9999-12-31T23:59:59.999999Z
          GEOGRAPHY  | "POINT(1 2)"                   | POINT(1 2)
          GEOGRAPHY  | "POINT(-180 -90)"              | POINT(-180 -90)
          GEOGRAPHY  | "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))" | MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))
          GEOGRAPHY  | "GEOMETRYCOLLECTION EMPTY"     | GEOMETRYCOLLECTION EMPTY
          GEOGRAPHY  | "0101000000000000000000F03F0000000000000040" | 0101000000000000000000F03F0000000000000040
          GEOGRAPHY  | "{\\"type\\": \\"Point\\", \\"coordinates\\": [1, 2]}" | {"type": "Point", "coordinates": [1, 2]}
          STRING     | "Zoë ☃ 東京 🎉"                 | Zoë ☃ 東京 🎉
          STRING     | 12                             | 12
          STRING     | true                           | true
          """)
  void acceptsWhatBigQueryAcceptsInOneCanonicalForm(String type, String json, String expected)
      throws Exception {
    assertEquals(expected, String.valueOf(convertJson(type, json)));
  }

  @Test
  void keepsInt64AsTextAndFloat64AsADouble() throws Exception {
    assertEquals("9007199254740993", convertJson("INT64", "9007199254740993"));
    assertEquals(0.1, convertJson("FLOAT64", "\"0.1\""));
    assertEquals(Boolean.TRUE, convertJson("BOOL", "\"y\""));
  }

  @Test
  void keepsAJsonColumnsRawValueAsATree() throws Exception {
    assertEquals(MAPPER.readTree("{\"a\":[1,null]}"), convertJson("JSON", "{\"a\": [1, null]}"));
    assertEquals(MAPPER.readTree("\"text\""), convertJson("JSON", "\"text\""));
    assertEquals(MAPPER.readTree("[1,2]"), convertJson("JSON", "[1, 2]"));
    assertTrue(convertJson("JSON", "3.5") instanceof JsonNode);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          INT64      | "abc"                          | 'abc' is not an INT64
          INT64      | 1.5                            | '1.5' is not an INT64
          INT64      | 1e3                            | '1e3' is not an INT64
          INT64      | "1.0"                          | '1.0' is not an INT64
          INT64      | "9223372036854775808"          | '9223372036854775808' is out of INT64 range
          INT64      | -9223372036854775809           | '-9223372036854775809' is out of INT64 range
          INT64      | ""                             | '' is not an INT64
          INT64      | " 1"                           | ' 1' is not an INT64
          INT64      | true                           | got the boolean true, expected an INT64
          FLOAT64    | "0x10"                         | '0x10' is not a FLOAT64
          FLOAT64    | "1d"                           | '1d' is not a FLOAT64
          FLOAT64    | "1e999"                        | '1e999' is out of FLOAT64 range
          FLOAT64    | "abc"                          | 'abc' is not a FLOAT64
          NUMERIC    | "1e29"                         | '1e29' is out of NUMERIC range
          NUMERIC    | "99999999999999999999999999999.9999999995" | is out of NUMERIC range
          NUMERIC    | "NaN"                          | 'NaN' is not a NUMERIC
          NUMERIC    | "1e999999999"                  | '1e999999999' is out of NUMERIC range
          BIGNUMERIC | "1e39"                         | '1e39' is out of BIGNUMERIC range
          BOOL       | "banana"                       | 'banana' is not a BOOL
          BOOL       | 2                              | '2' is not a BOOL
          BOOL       | "on"                           | 'on' is not a BOOL
          BYTES      | "not base64!"                  | 'not base64!' is not base64
          BYTES      | 12                             | got the number '12', expected a BYTES
          DATE       | "2024-02-30"                   | '2024-02-30' is not a DATE
          DATE       | "2023-02-29"                   | '2023-02-29' is not a DATE
          DATE       | "2024/01/02"                   | '2024/01/02' is not a DATE
          DATE       | "20240102"                     | '20240102' is not a DATE
          DATE       | "2024-01-02T00:00:00"          | is not a DATE
          DATE       | "0000-01-01"                   | is not a DATE
          DATE       | 20240102                       | got the number '20240102', expected a DATE
          TIME       | "24:00:00"                     | '24:00:00' is not a TIME
          TIME       | "12:60:00"                     | '12:60:00' is not a TIME
          TIME       | "12:00:00.1234567"             | '12:00:00.1234567' is not a TIME
          TIME       | "12:00"                        | '12:00' is not a TIME
          DATETIME   | "2024-01-02 03:04:05Z"         | is not a DATETIME
          DATETIME   | "2024-02-30 00:00:00"          | is not a DATETIME
          TIMESTAMP  | "2024-02-30 00:00:00"          | '2024-02-30 00:00:00' is not a TIMESTAMP
          TIMESTAMP  | "2024-01-02 25:00:00"          | is not a TIMESTAMP
          TIMESTAMP  | "0001-01-01 00:00:00+01:00"    | is not a TIMESTAMP
          TIMESTAMP  | "2024-01-02 03:04:05 PST"      | is not a TIMESTAMP
          TIMESTAMP  | 1.534680695e12                 | '1.534680695e12' read as UNIX epoch seconds is outside TIMESTAMP's range
          TIMESTAMP  | "253402300800"                 | read as UNIX epoch seconds is outside
          TIMESTAMP  | 253402300799.9999995           | read as UNIX epoch seconds is outside
          TIMESTAMP  | -62135596801                   | read as UNIX epoch seconds is outside
          TIMESTAMP  | 1e999999999999                 | read as UNIX epoch seconds is outside
          TIMESTAMP  | "0x10"                         | is not a TIMESTAMP
          TIMESTAMP  | "1534680695 UTC"               | is not a TIMESTAMP
          TIMESTAMP  | "2024-01-02 03:04:05.1234567"  | is not a TIMESTAMP
          GEOGRAPHY  | ""                             | is not a GEOGRAPHY: it is empty
          GEOGRAPHY  | "   "                          | is not a GEOGRAPHY: it is empty
          GEOGRAPHY  | "not a geography"              | 'not a geography' is not a GEOGRAPHY
          GEOGRAPHY  | "POINT(200 10)"                | longitude 200.0 is outside [-180, 180]
          GEOGRAPHY  | "POINT(10 100)"                | latitude 100.0 is outside [-90, 90]
          GEOGRAPHY  | "LINESTRING(0 0, 1 -90.5)"     | latitude -90.5 is outside
          GEOGRAPHY  | "POINT(NaN 1)"                 | is not finite
          GEOGRAPHY  | "POLYGON((0 0, 1 0, 1 1, 0 1))" | closed
          GEOGRAPHY  | "GEOMETRYCOLLECTION(POINT(1 2), POINT(1 200))" | latitude 200.0
          GEOGRAPHY  | "0101000000000000000000694000000000000000C0" | longitude 200.0 is outside
          GEOGRAPHY  | "0101000000"                   | is not a GEOGRAPHY
          GEOGRAPHY  | "{\\"type\\": \\"Point\\", \\"coordinates\\": [1, 95]}" | latitude 95.0 is outside
          GEOGRAPHY  | "{\\"type\\": \\"Polygon\\", \\"coordinates\\": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}" | closed
          GEOGRAPHY  | "{\\"type\\": \\"Feature\\", \\"geometry\\": {\\"type\\": \\"Point\\", \\"coordinates\\": [1, 2]}}" | a GeoJSON Feature
          GEOGRAPHY  | "{\\"type\\": \\"Point\\""     | is not a GEOGRAPHY
          STRING     | "a\\ud800b"                     | has a lone UTF-16 surrogate \\ud800 at character 1
          STRING     | "\\udc00"                       | has a lone UTF-16 surrogate \\udc00 at character 0
          STRING     | "\\ud83c\\ud83c\\udf89"           | has a lone UTF-16 surrogate \\ud83c at character 0
          JSON       | {"k\\ud800": 1}                 | a JSON key has a lone UTF-16 surrogate
          JSON       | {"a": ["x\\udfff"]}             | a JSON string has a lone UTF-16 surrogate
          JSON       | "\\ud800"                       | a JSON string has a lone UTF-16 surrogate
          JSON       | 1e400                          | a JSON number beyond FLOAT64's range
          JSON       | {"a": [-1e400]}                | a JSON number beyond FLOAT64's range
          FLOAT64    | 1e400                          | '1e400' is out of FLOAT64 range
          FLOAT64    | -1e400                         | '-1e400' is out of FLOAT64 range
          STRING     | {"a": 1}                       | got a JSON object, expected a STRING
          STRING     | [1]                            | got a JSON array, expected a STRING
          """)
  void rejectsWhatBigQueryWouldRejectNamingFieldAndValue(String type, String json, String problem) {
    RecordException e = assertThrows(RecordException.class, () -> convertJson(type, json));

    assertEquals(Stage.CONVERT, e.stage());
    assertTrue(e.getMessage().startsWith("field 'v'"), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  // https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-json : epoch seconds load
  // into
  // TIMESTAMP. Beam's Storage Write conversion would read a numeric String as milliseconds, a Long
  // as microseconds and a Double as seconds, so the converter must hand on text, never a number.
  @Test
  void handsOnEpochSecondsAsCanonicalTimestampText() throws Exception {
    assertEquals("2018-08-19T12:11:35.000000Z", convertJson("TIMESTAMP", "1534680695"));
    assertEquals("2018-08-19T12:11:35.000000Z", convertJson("TIMESTAMP", "1534680695.0"));
    assertEquals(
        "2018-08-19T12:11:35.000000Z",
        new CsvRowConverter(schema("TIMESTAMP")).convert(new String[] {"1534680695"}).get("v"));
  }

  // https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#json_type : a JSON
  // value
  // nests at most 500 levels.
  @Test
  void deadLettersJsonNestedDeeperThanBigQuerysFiveHundredLevels() throws Exception {
    String deepest = "[".repeat(500) + "]".repeat(500);
    assertEquals(MAPPER.readTree(deepest), convertJson("JSON", deepest));
    String object = "{\"a\":".repeat(499) + "[1]" + "}".repeat(499);
    assertEquals(MAPPER.readTree(object), convertJson("JSON", object));

    String tooDeep =
        "[".repeat(250) + "{\"a\":".repeat(251) + "1" + "}".repeat(251) + "]".repeat(250);
    RecordException e = assertThrows(RecordException.class, () -> convertJson("JSON", tooDeep));
    assertEquals("field 'v': JSON nested deeper than 500 levels, BigQuery's limit", e.getMessage());
    RecordException csv =
        assertThrows(
            RecordException.class,
            () -> new CsvRowConverter(schema("JSON")).convert(new String[] {tooDeep}));
    assertTrue(csv.getMessage().contains("deeper than 500 levels"), csv.getMessage());
  }

  @Test
  void namesTheFieldOfALoneSurrogateWithoutQuotingIt() {
    RecordException e =
        assertThrows(RecordException.class, () -> convertJson("STRING", "\"ok \\ud800\""));

    assertEquals(
        "field 'v': has a lone UTF-16 surrogate \\ud800 at character 3, which is not Unicode text"
            + " and would not reach BigQuery unchanged",
        e.getMessage());
  }

  @Test
  void sayWhatIsWrongInTheDocumentedForm() {
    RecordException e = assertThrows(RecordException.class, () -> convertJson("INT64", "\"abc\""));

    assertEquals("field 'v': 'abc' is not an INT64", e.getMessage());
  }

  @Test
  void cutsALongOffendingValueInTheMessage() {
    String longValue = "x".repeat(5000);

    RecordException e =
        assertThrows(RecordException.class, () -> convertJson("DATE", "\"" + longValue + "\""));

    assertTrue(e.getMessage().length() < 400, e.getMessage());
    assertTrue(e.getMessage().contains("(5000 characters)"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          INT64     | 0042                   | 42
          FLOAT64   | -1.25E2                | -125.0
          NUMERIC   | 3.14159265358979       | 3.141592654
          BOOL      | Yes                    | true
          BOOL      | 0                      | false
          TIMESTAMP | 2024-01-02T03:04:05Z   | 2024-01-02T03:04:05.000000Z
          DATE      | 2024-12-31             | 2024-12-31
          STRING    | Grüße, 世界             | Grüße, 世界
          JSON      | {"a": [1, 2]}          | {"a":[1,2]}
          """)
  void convertsCsvTextByTheSameRules(String type, String text, String expected) throws Exception {
    assertEquals(
        expected,
        String.valueOf(new CsvRowConverter(schema(type)).convert(new String[] {text}).get("v")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          BOOL      | banana        | 'banana' is not a BOOL
          INT64     | 1.5           | '1.5' is not an INT64
          DATE      | 2024-02-30    | '2024-02-30' is not a DATE
          JSON      | {"a": 1       | is not valid JSON
          JSON      | {} x          | is not valid JSON
          """)
  void rejectsCsvTextByTheSameRules(String type, String text, String problem) {
    RecordException e =
        assertThrows(
            RecordException.class,
            () -> new CsvRowConverter(schema(type)).convert(new String[] {text}));

    assertEquals(Stage.CONVERT, e.stage());
    assertTrue(e.getMessage().startsWith("field 'v': "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void honoursParameterizedTypes() throws Exception {
    TableSchema schema =
        BigQuerySchemas.parse(
            "[{\"name\":\"p\",\"type\":\"NUMERIC\",\"precision\":5,\"scale\":2},"
                + "{\"name\":\"s\",\"type\":\"STRING\",\"maxLength\":3},"
                + "{\"name\":\"b\",\"type\":\"BYTES\",\"maxLength\":2}]",
            "inline");
    JsonRowConverter converter = new JsonRowConverter(schema, false);

    assertEquals("123.46", converter.convert("{\"p\": 123.455}").get("p"));
    assertEquals("東京🎉", converter.convert("{\"s\": \"東京🎉\"}").get("s"));
    assertThrows(RecordException.class, () -> converter.convert("{\"p\": 1000}"));
    assertThrows(RecordException.class, () -> converter.convert("{\"p\": 999.995}"));
    assertThrows(RecordException.class, () -> converter.convert("{\"s\": \"abcd\"}"));
    assertThrows(RecordException.class, () -> converter.convert("{\"b\": \"AAAA\"}"));
  }

  private static Object convertJson(String type, String jsonLiteral) throws RecordException {
    return new JsonRowConverter(schema(type), false)
        .convert("{\"v\": " + jsonLiteral + "}")
        .get("v");
  }

  private static TableSchema schema(String type) {
    return new TableSchema()
        .setFields(List.of(new TableFieldSchema().setName("v").setType(type).setMode("NULLABLE")));
  }
}
