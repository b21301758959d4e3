package io.bqflex.rows;

import io.bqflex.core.RecordException;

/**
 * BigQuery's RANGE text form
 * (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#range_type): {@code
 * [lower, upper)}, each bound a value of the column's rangeElementType (DATE, DATETIME or
 * TIMESTAMP) or {@code UNBOUNDED} / {@code NULL} for an open end, the lower bound strictly before
 * the upper one.
 *
 * <p>The canonical form is {@code [lower, upper)} with each bound in {@link BigQueryTimes}'s
 * canonical form and open ends as {@code UNBOUNDED}. Only FILE_LOADS writes it: Beam 2.73's Storage
 * Write API conversion has no RANGE, so that method is refused at launch.
 */
final class BigQueryRanges {
  private static final String UNBOUNDED = "UNBOUNDED";

  private BigQueryRanges() {}

  static String canonical(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    int comma = text.indexOf(',');
    if (!text.startsWith("[")
        || !text.endsWith(")")
        || comma < 0
        || text.indexOf(',', comma + 1) >= 0) {
      throw notARange(field, text, prefix, element);
    }
    String lower = bound(field, text.substring(1, comma).trim());
    String upper = bound(field, text.substring(comma + 1, text.length() - 1).trim());
    if (lower == null || upper == null) {
      throw notARange(field, text, prefix, element);
    }
    // The canonical forms have fixed widths and one time zone, so text order is time order.
    if (!lower.equals(UNBOUNDED) && !upper.equals(UNBOUNDED) && lower.compareTo(upper) >= 0) {
      throw BigQueryValues.errorQuoting(
          field, text, prefix, element, "is not a RANGE: its lower bound must be before its upper");
    }
    return "[" + lower + ", " + upper + ")";
  }

  private static RecordException notARange(
      FieldPlan field, String text, String prefix, int element) {
    return BigQueryValues.errorQuoting(
        field,
        text,
        prefix,
        element,
        "is not a RANGE (expected [lower, upper) of "
            + field.rangeElement.sqlName()
            + " or UNBOUNDED)");
  }

  /** The bound in canonical form, UNBOUNDED for an open end, or null when it is neither. */
  private static String bound(FieldPlan field, String text) {
    if (text.equalsIgnoreCase(UNBOUNDED) || text.equalsIgnoreCase("NULL")) {
      return UNBOUNDED;
    }
    switch (field.rangeElement) {
      case DATE:
        return BigQueryTimes.date(text);
      case DATETIME:
        return BigQueryTimes.datetime(text);
      case TIMESTAMP:
        return BigQueryTimes.timestamp(text);
      default:
        return null;
    }
  }
}
