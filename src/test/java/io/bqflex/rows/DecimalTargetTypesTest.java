package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.InvalidParameterException;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BigQuery's {@code decimalTargetTypes}, as the REST reference describes it:
 * https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobConfigurationLoad.FIELDS.decimal_target_types
 * (and the Avro loading page's "Decimal logical type":
 * https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro#decimal_logical_type).
 */
class DecimalTargetTypesTest {
  private static final String PARAMETER = "decimalTargetTypes";

  @ParameterizedTest(name = "[NUMERIC, BIGNUMERIC] ({0}, {1}) -> {2}")
  @CsvSource({
    // The reference's own examples.
    "38, 9, NUMERIC",
    "39, 9, BIGNUMERIC",
    "38, 10, BIGNUMERIC",
    "76, 38, BIGNUMERIC",
    "77, 38, BIGNUMERIC",
    "1, 0, NUMERIC",
    "29, 0, NUMERIC",
    "30, 0, BIGNUMERIC"
  })
  void picksTheFirstListedTypeThatHoldsThePrecisionAndScale(
      int precision, int scale, BigQueryType expected) {
    DecimalTargetTypes types = DecimalTargetTypes.parse("NUMERIC,BIGNUMERIC", PARAMETER);

    assertEquals(expected, types.targetFor(precision, scale));
  }

  @ParameterizedTest(name = "{0}: ({1}, {2}) -> {3}")
  @CsvSource({
    "'', 38, 9, NUMERIC",
    // Nothing listed holds it: the widest listed type, whose range each value is checked against.
    "'', 39, 9, NUMERIC",
    "'', 38, 10, NUMERIC",
    "'BIGNUMERIC', 10, 2, BIGNUMERIC",
    "'BIGNUMERIC', 77, 38, BIGNUMERIC",
    "'NUMERIC,STRING', 38, 9, NUMERIC",
    "'NUMERIC,STRING', 39, 9, STRING",
    "'NUMERIC,BIGNUMERIC,STRING', 77, 38, STRING",
    "'NUMERIC,BIGNUMERIC,STRING', 76, 38, BIGNUMERIC",
    // The order given is ignored: NUMERIC always comes first.
    "'STRING,BIGNUMERIC,NUMERIC', 10, 2, NUMERIC",
    "'STRING', 10, 2, STRING"
  })
  void picksByBigQuerysOrderWhateverTheOrderGiven(
      String option, int precision, int scale, BigQueryType expected) {
    assertEquals(expected, DecimalTargetTypes.parse(option, PARAMETER).targetFor(precision, scale));
  }

  @Test
  void defaultIsNumericAlone() {
    DecimalTargetTypes types = DecimalTargetTypes.parse(null, PARAMETER);

    assertEquals(DecimalTargetTypes.defaults(), types);
    assertEquals(DecimalTargetTypes.defaults(), DecimalTargetTypes.parse("  ", PARAMETER));
    assertTrue(types.contains(BigQueryType.NUMERIC));
    assertFalse(types.contains(BigQueryType.BIGNUMERIC));
    assertFalse(types.contains(BigQueryType.STRING));
    assertEquals("NUMERIC", types.toString());
  }

  @Test
  void readsItemsTrimmedAndCaseInsensitivelyAndWritesThemInBigQuerysOrder() {
    DecimalTargetTypes types = DecimalTargetTypes.parse(" string , bigNumeric ", PARAMETER);

    assertEquals("BIGNUMERIC,STRING", types.toString());
    assertEquals(DecimalTargetTypes.of(BigQueryType.STRING, BigQueryType.BIGNUMERIC), types);
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOAT64", "NUMERIC,DECIMAL", "numeric;string"})
  void refusesAnUnknownTypeNamingTheParameter(String option) {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class, () -> DecimalTargetTypes.parse(option, PARAMETER));

    assertEquals(PARAMETER, e.parameter());
    assertTrue(e.getMessage().contains("is not a decimal target type"), e.getMessage());
    assertTrue(e.getMessage().contains("NUMERIC, BIGNUMERIC and STRING"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"NUMERIC,", ",NUMERIC", "NUMERIC,,STRING", "NUMERIC, ,STRING"})
  void refusesAnEmptyItemNamingTheParameter(String option) {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class, () -> DecimalTargetTypes.parse(option, PARAMETER));

    assertEquals(PARAMETER, e.parameter());
    assertTrue(e.getMessage().contains("has an empty item"), e.getMessage());
  }

  @Test
  void refusesATypeListedTwiceAsBigQueryDoes() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> DecimalTargetTypes.parse("NUMERIC,STRING,numeric", PARAMETER));

    assertTrue(e.getMessage().contains("lists NUMERIC twice"), e.getMessage());
  }

  @Test
  void hintNamesTheTypesThatWouldHoldTheDecimal() {
    assertEquals("", DecimalTargetTypes.hintFor(BigQueryType.NUMERIC, 38, 9));
    assertTrue(
        DecimalTargetTypes.hintFor(BigQueryType.NUMERIC, 40, 2)
            .contains("decimal(40, 2) does not fit NUMERIC: add BIGNUMERIC or STRING"));
    assertTrue(
        DecimalTargetTypes.hintFor(BigQueryType.BIGNUMERIC, 77, 38)
            .contains("does not fit BIGNUMERIC: add STRING to decimalTargetTypes"));
  }

  @Test
  void survivesJavaSerialization() {
    DecimalTargetTypes types = DecimalTargetTypes.parse("BIGNUMERIC,STRING", PARAMETER);

    assertEquals(types, SerializableUtils.clone(types));
  }
}
