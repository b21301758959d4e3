package io.bqflex.rows;

import io.bqflex.core.RecordException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BigQuery's INTERVAL text forms
 * (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type, and CAST
 * from STRING on the conversion functions page): the canonical {@code [sign]Y-M [sign]D
 * [sign]H:M:S[.F]}, its unambiguous partial forms {@code Y-M}, {@code Y-M D}, {@code D H:M:S[.F]}
 * and {@code H:M:S[.F]}, and ISO 8601 durations {@code P[n]Y[n]M[n]W[n]D[T[n]H[n]M[n[.F]]S]}
 * (BigQuery's extension: a part may be negative, W counts weeks, the fraction of seconds may use a
 * comma). Narrower than BigQuery's CAST, deliberately, so that a dead letter replaces a guess: the
 * partial forms without seconds ({@code Y-M D H}, {@code D H:M}, ...) and ISO parts out of order or
 * repeated are not accepted.
 *
 * <p>A value is three independent amounts, as BigQuery keeps it: months (years and months), days,
 * and microseconds (hours, minutes, seconds), each within BigQuery's range: ±10000 years, ±3660000
 * days, ±87840000 hours. Fields beyond their usual limits ({@code 0-13}, {@code 48:61:61}) are
 * carried into the larger unit of the same amount, as BigQuery's own INTERVAL parsing does; days
 * are never carried into months nor hours into days. More than six fractional digits is an error:
 * BigQuery keeps microseconds, and cutting them would change the value.
 *
 * <p>The written form is the canonical one with each amount's sign and no padding, the way BigQuery
 * prints an INTERVAL ({@code 1-2 3 4:5:6.789}, {@code -0-1 0 0:0:0}). Only FILE_LOADS writes it:
 * Beam 2.73's Storage Write API conversion has no INTERVAL, so that method is refused at launch.
 */
final class BigQueryIntervals {
  private static final long MAX_MONTHS = 10_000L * 12;
  private static final long MAX_DAYS = 3_660_000L;
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
  private static final long MAX_MICROS = 87_840_000L * MICROS_PER_HOUR;

  private static final String EXPECTED =
      "expected [sign]Y-M [sign]D [sign]H:M:S[.F] or an ISO 8601 duration such as P1Y2M3DT4H5M6S";

  private static final String OUT_OF_RANGE =
      "is out of INTERVAL range (at most 10000 years, 3660000 days and 87840000 hours either way)";

  private static final String YEAR_MONTH = "([-+])?(\\d+)-(\\d+)";
  private static final String DAYS = "([-+]?\\d+)";
  private static final String TIME = "([-+])?(\\d+):(\\d+):(\\d+)(?:\\.(\\d+))?";

  /** Y-M, Y-M D, Y-M D H:M:S[.F]; groups 1-3 months, 4 days, 5-9 time. */
  private static final Pattern FROM_YEARS =
      Pattern.compile(YEAR_MONTH + "(?: " + DAYS + "(?: " + TIME + ")?)?");

  /** D H:M:S[.F] and H:M:S[.F]; group 1 days, 2-6 time. */
  private static final Pattern FROM_DAYS = Pattern.compile("(?:" + DAYS + " )?" + TIME);

  private static final String ISO_PART = "(?:(-?\\d+)%s)?";
  private static final Pattern ISO =
      Pattern.compile(
          "P"
              + ISO_PART.formatted("Y")
              + ISO_PART.formatted("M")
              + ISO_PART.formatted("W")
              + ISO_PART.formatted("D")
              // T only before a time part: "P1YT" is not a duration.
              + "(?:T(?=-?\\d)"
              + ISO_PART.formatted("H")
              + ISO_PART.formatted("M")
              + "(?:(-)?(\\d+)(?:[.,](\\d+))?S)?)?");

  private BigQueryIntervals() {}

  static String canonical(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    long[] amounts;
    try {
      amounts = parse(text);
    } catch (ArithmeticException e) {
      throw outOfRange(field, text, prefix, element);
    }
    if (amounts == null) {
      throw BigQueryValues.errorQuoting(
          field, text, prefix, element, "is not an INTERVAL (" + EXPECTED + ")");
    }
    if (!within(amounts[0], MAX_MONTHS)
        || !within(amounts[1], MAX_DAYS)
        || !within(amounts[2], MAX_MICROS)) {
      throw outOfRange(field, text, prefix, element);
    }
    return format(amounts[0], amounts[1], amounts[2]);
  }

  private static boolean within(long amount, long max) {
    return -max <= amount && amount <= max;
  }

  /**
   * Months, days and microseconds of {@code text}, or null when it is no INTERVAL form.
   *
   * @throws ArithmeticException when an amount overflows a long, far outside BigQuery's range
   */
  private static long[] parse(String text) {
    Matcher m;
    if ((m = ISO.matcher(text)).matches()) {
      return iso(m);
    }
    if ((m = FROM_YEARS.matcher(text)).matches()) {
      Long micros = m.group(6) == null ? Long.valueOf(0) : micros(m, 5);
      return micros == null
          ? null
          : new long[] {months(m.group(1), m.group(2), m.group(3)), number(m.group(4)), micros};
    }
    if ((m = FROM_DAYS.matcher(text)).matches()) {
      Long micros = micros(m, 2);
      return micros == null ? null : new long[] {0, number(m.group(1)), micros};
    }
    return null;
  }

  private static long[] iso(Matcher m) {
    boolean anyPart = false;
    for (int group = 1; group <= m.groupCount(); group++) {
      anyPart |= m.group(group) != null;
    }
    if (!anyPart) {
      return null;
    }
    long months = Math.addExact(Math.multiplyExact(number(m.group(1)), 12), number(m.group(2)));
    long days = Math.addExact(Math.multiplyExact(number(m.group(3)), 7), number(m.group(4)));
    Long fraction = fractionMicros(m.group(9));
    if (fraction == null) {
      return null;
    }
    long seconds =
        Math.addExact(Math.multiplyExact(number(m.group(8)), MICROS_PER_SECOND), fraction);
    long micros =
        Math.addExact(
            Math.addExact(
                Math.multiplyExact(number(m.group(5)), MICROS_PER_HOUR),
                Math.multiplyExact(number(m.group(6)), MICROS_PER_MINUTE)),
            "-".equals(m.group(7)) ? -seconds : seconds);
    return new long[] {months, days, micros};
  }

  /** Years and months under one sign; more than 11 months carry into years. */
  private static long months(String sign, String years, String months) {
    long total = Math.addExact(Math.multiplyExact(number(years), 12), number(months));
    return "-".equals(sign) ? -total : total;
  }

  /**
   * Hours, minutes, seconds and fraction starting at {@code group} (the sign), as signed
   * microseconds; null when the fraction is finer than microseconds.
   */
  private static Long micros(Matcher m, int group) {
    Long fraction = fractionMicros(m.group(group + 4));
    if (fraction == null) {
      return null;
    }
    long total =
        Math.addExact(
            Math.addExact(
                Math.multiplyExact(number(m.group(group + 1)), MICROS_PER_HOUR),
                Math.multiplyExact(number(m.group(group + 2)), MICROS_PER_MINUTE)),
            Math.addExact(
                Math.multiplyExact(number(m.group(group + 3)), MICROS_PER_SECOND), fraction));
    return "-".equals(m.group(group)) ? -total : total;
  }

  /** The digits after the decimal point as microseconds; null beyond six digits. */
  private static Long fractionMicros(String digits) {
    if (digits == null) {
      return 0L;
    }
    if (digits.length() > 6) {
      return null;
    }
    return Long.parseLong(digits) * (long) Math.pow(10, 6 - digits.length());
  }

  /** An optional, possibly signed, decimal number; 0 when absent. */
  private static long number(String digits) {
    if (digits == null) {
      return 0;
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      // Only digits reach here, so the number is too large for a long.
      throw new ArithmeticException("overflow");
    }
  }

  private static String format(long months, long days, long micros) {
    long absMicros = Math.abs(micros);
    long seconds = absMicros / MICROS_PER_SECOND;
    StringBuilder out = new StringBuilder();
    out.append(months < 0 ? "-" : "")
        .append(Math.abs(months) / 12)
        .append('-')
        .append(Math.abs(months) % 12)
        .append(' ')
        .append(days)
        .append(' ')
        .append(micros < 0 ? "-" : "")
        .append(seconds / 3600)
        .append(':')
        .append(seconds / 60 % 60)
        .append(':')
        .append(seconds % 60);
    long fraction = absMicros % MICROS_PER_SECOND;
    if (fraction != 0) {
      String digits = String.format("%06d", fraction);
      out.append('.').append(digits.replaceFirst("0+$", ""));
    }
    return out.toString();
  }

  private static RecordException outOfRange(
      FieldPlan field, String text, String prefix, int element) {
    return BigQueryValues.errorQuoting(field, text, prefix, element, OUT_OF_RANGE);
  }
}
