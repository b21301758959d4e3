package io.bqflex.rows;

import io.bqflex.core.RecordException;
import java.math.BigDecimal;

/**
 * A NUMERIC or BIGNUMERIC column's value from an exact decimal (a binary format's unscaled integer
 * and scale, an integer), in the canonical form of {@link BigQueryValues}: digits past the column's
 * scale rounded as its rounding mode says (BigQuery rounds so when it stores such a value; REST
 * reference, RoundingMode), then the range checked, the plain text without trailing zeros.
 */
final class DecimalValues {
  private DecimalValues() {}

  /**
   * @param hint appended to an out-of-range message (why the column's type is too small), or empty
   */
  static String canonical(
      FieldPlan field, BigDecimal value, String prefix, int element, String hint)
      throws RecordException {
    DecimalLimits limits = field.decimal;
    int integerDigits = value.signum() == 0 ? 0 : value.precision() - value.scale();
    // Cheap guard first: rounding a huge number to the scale would be costly.
    if (integerDigits > limits.maxIntegerDigits) {
      throw outOfRange(field, value, prefix, element, hint);
    }
    BigDecimal rounded =
        value.scale() > limits.scale ? value.setScale(limits.scale, limits.rounding) : value;
    // With fewer integer digits than the bound has, even rounded up the value is inside it: the
    // common case skips two comparisons that rescale to the bound's scale.
    if (integerDigits >= limits.maxIntegerDigits
        && (rounded.compareTo(limits.max) > 0 || rounded.compareTo(limits.min) < 0)) {
      throw outOfRange(field, value, prefix, element, hint);
    }
    return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
  }

  private static RecordException outOfRange(
      FieldPlan field, BigDecimal value, String prefix, int element, String hint) {
    DecimalLimits limits = field.decimal;
    String bounds =
        limits.typeName.equals(field.type.sqlName())
            ? ""
            : " (" + limits.min.toPlainString() + " to " + limits.max.toPlainString() + ")";
    return BigQueryValues.error(
        field,
        prefix,
        element,
        BigQueryValues.quote(value.toPlainString())
            + " is out of "
            + limits.typeName
            + " range"
            + bounds
            + hint);
  }
}
