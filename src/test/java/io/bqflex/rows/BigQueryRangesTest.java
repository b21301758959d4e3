package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RANGE values in the text form of
 * https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#range_type: {@code
 * [lower, upper)}, UNBOUNDED or NULL for an open end, the element type from rangeElementType.
 */
class BigQueryRangesTest {
  private static final TableSchema SCHEMA =
      BigQuerySchemas.parse(
          """
          [{"name": "d", "type": "RANGE", "rangeElementType": {"type": "DATE"}},
           {"name": "dt", "type": "RANGE", "rangeElementType": {"type": "DATETIME"}},
           {"name": "ts", "type": "RANGE", "rangeElementType": {"type": "timestamp"}}]
          """,
          "ranges.json");

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          d  | [2024-01-01, 2024-02-01)                   | [2024-01-01, 2024-02-01)
          d  | [2024-1-1,2024-2-1)                        | [2024-01-01, 2024-02-01)
          d  | [UNBOUNDED, 2024-02-01)                    | [UNBOUNDED, 2024-02-01)
          d  | [2024-01-01, NULL)                         | [2024-01-01, UNBOUNDED)
          d  | [unbounded, unbounded)                     | [UNBOUNDED, UNBOUNDED)
          dt | [2024-01-01 10:00:00, 2024-01-01 10:00:01) | [2024-01-01T10:00:00.000000, 2024-01-01T10:00:01.000000)
          ts | [2024-01-01 10:00:00+02:00, 2024-01-01 09:00:00 UTC) | [2024-01-01T08:00:00.000000Z, 2024-01-01T09:00:00.000000Z)
          """)
  void writesTheDocumentedTextFormInCanonicalShape(String column, String text, String expected)
      throws RecordException {
    assertEquals(expected, csvRow(column, text));
    assertEquals(
        expected,
        new JsonRowConverter(SCHEMA, false)
            .convert("{\"" + column + "\": \"" + text + "\"}")
            .get(column));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          d  | 2024-01-01                 | is not a RANGE (expected [lower, upper) of DATE or UNBOUNDED)
          d  | (2024-01-01, 2024-02-01)   | is not a RANGE
          d  | [2024-01-01, 2024-02-01]   | is not a RANGE
          d  | [2024-01-01, 2024-02-30)   | is not a RANGE
          d  | [2024-02-01, 2024-01-01)   | its lower bound must be before its upper
          d  | [2024-01-01, 2024-01-01)   | its lower bound must be before its upper
          dt | [2024-01-01 10:00:00+01:00, UNBOUNDED) | is not a RANGE
          ts | [2024-01-01 10:00:00+02:00, 2024-01-01 08:00:00 UTC) | its lower bound must be before its upper
          """)
  void deadLettersWhatIsNotARange(String column, String text, String problem) {
    RecordException e = assertThrows(RecordException.class, () -> csvRow(column, text));

    assertEquals(Stage.CONVERT, e.stage());
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().startsWith("field '" + column + "': '" + text + "' "), e.getMessage());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  /** The value of {@code column} when a CSV record gives only that column. */
  private static Object csvRow(String column, String text) throws RecordException {
    String[] columns = new String[SCHEMA.getFields().size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = SCHEMA.getFields().get(i).getName().equals(column) ? text : "";
    }
    return new CsvRowConverter(SCHEMA).convert(columns).get(column);
  }
}
