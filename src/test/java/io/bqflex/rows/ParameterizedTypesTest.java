package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * STRING(L), BYTES(L), NUMERIC(P, S) and BIGNUMERIC(P, S) enforced per record
 * (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#parameterized_data_types),
 * rounding as the column's roundingMode says
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/tables#roundingmode).
 */
class ParameterizedTypesTest {
  private static final String SCHEMA =
      """
      [{"name": "s", "type": "STRING", "maxLength": "3"},
       {"name": "b", "type": "BYTES", "maxLength": "2"},
       {"name": "away", "type": "NUMERIC", "precision": "5", "scale": "2"},
       {"name": "even", "type": "NUMERIC", "precision": "5", "scale": "2",
        "roundingMode": "ROUND_HALF_EVEN"},
       {"name": "whole", "type": "NUMERIC", "precision": "3", "roundingMode": "ROUND_HALF_EVEN"},
       {"name": "plain_even", "type": "NUMERIC", "roundingMode": "ROUND_HALF_EVEN"},
       {"name": "big", "type": "BIGNUMERIC", "precision": "40", "scale": "2"}]
      """;

  private final JsonRowConverter converter =
      new JsonRowConverter(BigQuerySchemas.parse(SCHEMA, "schema.json"), false);

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          s          | "東京🎉"                  | 東京🎉
          b          | "AAA="                    | AAA=
          away       | 2.345                     | 2.35
          away       | -2.345                    | -2.35
          away       | 999.994                   | 999.99
          even       | 2.345                     | 2.34
          even       | 2.355                     | 2.36
          even       | -2.345                    | -2.34
          whole      | 2.5                       | 2
          whole      | 3.5                       | 4
          plain_even | 0.0000000025              | 0.000000002
          big        | "12345678901234567890123456789012345678.005" | 12345678901234567890123456789012345678.01
          """)
  void roundsToTheScaleAsTheColumnsRoundingModeSays(String column, String json, String expected)
      throws RecordException {
    assertEquals(expected, converter.convert("{\"" + column + "\": " + json + "}").get(column));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          s     | "abcd"     | field 's': 'abcd' is longer than the column's maximum of 3 characters
          b     | "AAAA"     | field 'b': 'AAAA' is longer than the column's maximum of 2 bytes
          away  | 1000       | field 'away': '1000' is out of NUMERIC(5, 2) range (-999.99 to 999.99)
          away  | 999.995    | field 'away': '999.995' is out of NUMERIC(5, 2) range (-999.99 to 999.99)
          even  | -999.996   | field 'even': '-999.996' is out of NUMERIC(5, 2) range (-999.99 to 999.99)
          whole | 999.5      | field 'whole': '999.5' is out of NUMERIC(3, 0) range (-999 to 999)
          big   | 1e38       | field 'big': '1e38' is out of BIGNUMERIC(40, 2) range
          """)
  void deadLettersValuesOverTheLimitNamingIt(String column, String json, String reason) {
    RecordException e =
        assertThrows(
            RecordException.class, () -> converter.convert("{\"" + column + "\": " + json + "}"));

    assertEquals(Stage.CONVERT, e.stage());
    assertEquals(
        reason, e.getMessage().substring(0, Math.min(reason.length(), e.getMessage().length())));
  }
}
