package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * INTERVAL values in BigQuery's text forms: the canonical format and range of
 * https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type, and the
 * STRING forms CAST accepts (interval literal format, its unambiguous partial forms, ISO 8601
 * durations) on
 * https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast_as_interval.
 */
class BigQueryIntervalsTest {
  private static final TableSchema SCHEMA =
      BigQuerySchemas.parse(
          "[{\"name\": \"took\", \"type\": \"INTERVAL\"}, {\"name\": \"id\", \"type\": \"STRING\"}]",
          "intervals.json");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # The CAST examples of the conversion functions page.
          1-2 3 10:20:30.456          | 1-2 3 10:20:30.456
          1-2                         | 1-2 0 0:0:0
          10:20:30                    | 0-0 0 10:20:30
          P1Y2M3D                     | 1-2 3 0:0:0
          PT10H20M30,456S             | 0-0 0 10:20:30.456
          # Fields past their usual limits carry within their amount (interval functions page, EXTRACT).
          0-13 370 48:61:61           | 1-1 370 49:2:1
          # Each amount keeps its own sign.
          -1-2 +3 -4:05:06.000001     | -1-2 3 -4:5:6.000001
          1-2 -3 0:0:0                | 1-2 -3 0:0:0
          3 4:5:6.5                   | 0-0 3 4:5:6.5
          -3 -0:0:1                   | 0-0 -3 -0:0:1
          P1Y2M3DT4H5M6.789S          | 1-2 3 4:5:6.789
          P2W                         | 0-0 14 0:0:0
          P-1Y3M                      | -0-9 0 0:0:0
          PT-90M                      | 0-0 0 -1:30:0
          PT-1.5S                     | 0-0 0 -0:0:1.5
          # BigQuery's range, both ends.
          10000-0 3660000 87840000:0:0  | 10000-0 3660000 87840000:0:0
          -10000-0 -3660000 -87840000:0:0 | -10000-0 -3660000 -87840000:0:0
          P-120000M                   | -10000-0 0 0:0:0
          PT316224000000S             | 0-0 0 87840000:0:0
          """)
  void writesTheDocumentedTextFormsInCanonicalForm(String text, String canonical)
      throws RecordException {
    assertEquals(canonical, csvValue(text));
    assertEquals(
        canonical,
        new JsonRowConverter(SCHEMA, false).convert("{\"took\": \"" + text + "\"}").get("took"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1 hour                      | is not an INTERVAL (expected [sign]Y-M [sign]D [sign]H:M:S[.F] or an ISO 8601 duration such as P1Y2M3DT4H5M6S)
          3                           | is not an INTERVAL
          1-2-3                       | is not an INTERVAL
          '1-2 3 4:5:6.1234567'       | is not an INTERVAL
          ' 1-2'                      | is not an INTERVAL
          P                           | is not an INTERVAL
          PT                          | is not an INTERVAL
          P1YT                        | is not an INTERVAL
          P1.5Y                       | is not an INTERVAL
          P1H                         | is not an INTERVAL
          -P1Y                        | is not an INTERVAL
          10000-1                     | is out of INTERVAL range (at most 10000 years, 3660000 days and 87840000 hours either way)
          0-0 3660001 0:0:0           | is out of INTERVAL range
          0-0 0 87840000:0:0.000001   | is out of INTERVAL range
          -87840000:0:1               | is out of INTERVAL range
          P10001Y                     | is out of INTERVAL range
          P99999999999999999999Y      | is out of INTERVAL range
          PT-9223372036854775808S     | is out of INTERVAL range
          """)
  void deadLettersWhatIsNotAnIntervalOrOutOfRangeNamingTheField(String text, String problem) {
    RecordException e = assertThrows(RecordException.class, () -> csvValue(text));

    assertEquals(Stage.CONVERT, e.stage());
    assertTrue(e.getMessage().startsWith("field 'took': '" + text + "' "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void deadLettersAJsonNumberNamingTheExpectedType() {
    RecordException e =
        assertThrows(
            RecordException.class,
            () -> new JsonRowConverter(SCHEMA, false).convert("{\"took\": 3600}"));

    assertEquals("field 'took': got the number '3600', expected an INTERVAL", e.getMessage());
  }

  /** The value of the INTERVAL column when a CSV record gives {@code text} for it. */
  private static Object csvValue(String text) throws RecordException {
    return new CsvRowConverter(SCHEMA).convert(new String[] {text, "x"}).get("took");
  }
}
