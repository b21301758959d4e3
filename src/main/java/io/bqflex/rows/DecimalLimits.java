package io.bqflex.rows;

import java.math.BigDecimal;

/** The scale and range a NUMERIC or BIGNUMERIC column holds, plain or parameterized. */
final class DecimalLimits {
  static final int NUMERIC_SCALE = 9;
  static final int BIGNUMERIC_SCALE = 38;

  // NUMERIC is 38 digits with 9 after the point; BIGNUMERIC's range is that of a 256-bit integer
  // scaled by 10^-38, hence its lopsided bounds (BigQuery data types page).
  private static final DecimalLimits NUMERIC =
      new DecimalLimits(
          NUMERIC_SCALE,
          new BigDecimal("-99999999999999999999999999999.999999999"),
          new BigDecimal("99999999999999999999999999999.999999999"));
  private static final DecimalLimits BIGNUMERIC =
      new DecimalLimits(
          BIGNUMERIC_SCALE,
          new BigDecimal(
              "-578960446186580977117854925043439539266.34992332820282019728792003956564819968"),
          new BigDecimal(
              "578960446186580977117854925043439539266.34992332820282019728792003956564819967"));

  final int scale;
  final BigDecimal min;
  final BigDecimal max;

  /** Values with more integer digits than this are out of range before any rounding. */
  final int maxIntegerDigits;

  private DecimalLimits(int scale, BigDecimal min, BigDecimal max) {
    this.scale = scale;
    this.min = min;
    this.max = max;
    this.maxIntegerDigits = max.precision() - max.scale();
  }

  /** The limits of {@code type}, narrowed by NUMERIC(P, S) / BIGNUMERIC(P, S) when given. */
  static DecimalLimits of(BigQueryType type, Long precision, Long scale) {
    DecimalLimits plain = type == BigQueryType.NUMERIC ? NUMERIC : BIGNUMERIC;
    if (precision == null) {
      return plain;
    }
    int s = scale == null ? 0 : scale.intValue();
    int integerDigits = precision.intValue() - s;
    // The largest value with `integerDigits` digits before the point and `s` after it.
    BigDecimal max = BigDecimal.TEN.pow(integerDigits).subtract(BigDecimal.ONE.movePointLeft(s));
    return new DecimalLimits(s, max.negate(), max);
  }
}
