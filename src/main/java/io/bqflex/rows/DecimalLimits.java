package io.bqflex.rows;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The scale, range and rounding of a NUMERIC or BIGNUMERIC column, plain or parameterized, and the
 * column's type as BigQuery writes it ({@code NUMERIC(10, 2)}), for error messages.
 */
final class DecimalLimits {
  static final int NUMERIC_SCALE = 9;
  static final int BIGNUMERIC_SCALE = 38;

  // NUMERIC is 38 digits with 9 after the point; BIGNUMERIC's range is that of a 256-bit integer
  // scaled by 10^-38, hence its lopsided bounds (BigQuery data types page).
  private static final BigDecimal NUMERIC_MAX =
      new BigDecimal("99999999999999999999999999999.999999999");
  private static final BigDecimal BIGNUMERIC_MIN =
      new BigDecimal(
          "-578960446186580977117854925043439539266.34992332820282019728792003956564819968");
  private static final BigDecimal BIGNUMERIC_MAX =
      new BigDecimal(
          "578960446186580977117854925043439539266.34992332820282019728792003956564819967");

  final int scale;
  final BigDecimal min;
  final BigDecimal max;

  /** Values with more integer digits than this are out of range before any rounding. */
  final int maxIntegerDigits;

  /** How digits past the scale are rounded when BigQuery stores the value. */
  final RoundingMode rounding;

  /** The column's type with its parameters, e.g. {@code NUMERIC(5, 2)} or {@code BIGNUMERIC}. */
  final String typeName;

  private DecimalLimits(
      int scale, BigDecimal min, BigDecimal max, RoundingMode rounding, String typeName) {
    this.scale = scale;
    this.min = min;
    this.max = max;
    this.maxIntegerDigits = max.precision() - max.scale();
    this.rounding = rounding;
    this.typeName = typeName;
  }

  /**
   * The limits of {@code type}, narrowed by NUMERIC(P, S) / BIGNUMERIC(P, S) when given, rounding
   * as {@code roundingMode} says. BigQuery's REST reference (tables#roundingmode): unspecified is
   * ROUND_HALF_AWAY_FROM_ZERO ({@link RoundingMode#HALF_UP} is half away from zero for BigDecimal);
   * ROUND_HALF_EVEN rounds ties to the even digit.
   */
  static DecimalLimits of(BigQueryType type, Long precision, Long scale, String roundingMode) {
    RoundingMode rounding =
        "ROUND_HALF_EVEN".equals(roundingMode) ? RoundingMode.HALF_EVEN : RoundingMode.HALF_UP;
    String sqlName = type.sqlName();
    if (precision == null) {
      return type == BigQueryType.NUMERIC
          ? new DecimalLimits(NUMERIC_SCALE, NUMERIC_MAX.negate(), NUMERIC_MAX, rounding, sqlName)
          : new DecimalLimits(BIGNUMERIC_SCALE, BIGNUMERIC_MIN, BIGNUMERIC_MAX, rounding, sqlName);
    }
    int s = scale == null ? 0 : scale.intValue();
    int integerDigits = precision.intValue() - s;
    // The largest value with `integerDigits` digits before the point and `s` after it.
    BigDecimal max = BigDecimal.TEN.pow(integerDigits).subtract(BigDecimal.ONE.movePointLeft(s));
    return new DecimalLimits(
        s, max.negate(), max, rounding, sqlName + "(" + precision + ", " + s + ")");
  }
}
