package io.bqflex.write;

/**
 * Reads the canonical time texts our converters put in rows ({@code BigQueryTimes}: DATE {@code
 * yyyy-MM-dd}, TIME {@code HH:mm:ss.ffffff}, DATETIME {@code yyyy-MM-ddTHH:mm:ss.ffffff}, TIMESTAMP
 * the DATETIME form and {@code Z}) as numbers, digit by digit at fixed positions: this runs for
 * every value, and the layout is fixed, so no parser is needed. A text of another layout is an
 * {@link IllegalArgumentException}: such a row did not come from our converters, and guessing would
 * write a wrong value.
 */
final class CanonicalTimes {
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;

  private CanonicalTimes() {}

  /** DATE: days since 1970-01-01. */
  static int epochDay(String text) {
    expect(text, 10, "DATE yyyy-MM-dd");
    return (int) epochDayAt(text);
  }

  /** TIME: microseconds since midnight. */
  static long microOfDay(String text) {
    expect(text, 15, "TIME HH:mm:ss.ffffff");
    return microOfDayAt(text, 0);
  }

  /** TIMESTAMP: microseconds since 1970-01-01T00:00:00Z. */
  static long timestampMicros(String text) {
    expect(text, 27, "TIMESTAMP yyyy-MM-ddTHH:mm:ss.ffffffZ");
    if (text.charAt(26) != 'Z') {
      throw layout(text, "TIMESTAMP yyyy-MM-ddTHH:mm:ss.ffffffZ");
    }
    return dateTimeMicros(text);
  }

  /** DATETIME as Avro's local-timestamp-micros: microseconds since 1970-01-01T00:00, no zone. */
  static long datetimeMicros(String text) {
    expect(text, 26, "DATETIME yyyy-MM-ddTHH:mm:ss.ffffff");
    return dateTimeMicros(text);
  }

  /**
   * DATETIME packed as the Storage Write API reads an int64 DATETIME ({@code
   * CivilTimeEncoder.encodePacked64DatetimeMicros}): year, month, day, hour, minute, second in bit
   * fields above the 20 bits of the microseconds.
   */
  static long datetimePacked(String text) {
    expect(text, 26, "DATETIME yyyy-MM-ddTHH:mm:ss.ffffff");
    long seconds =
        ((long) digits(text, 0, 4) << 26)
            | ((long) digits(text, 5, 2) << 22)
            | ((long) digits(text, 8, 2) << 17)
            | ((long) digits(text, 11, 2) << 12)
            | ((long) digits(text, 14, 2) << 6)
            | digits(text, 17, 2);
    return (seconds << 20) | digits(text, 20, 6);
  }

  private static long dateTimeMicros(String text) {
    if (text.charAt(10) != 'T') {
      throw layout(text, "yyyy-MM-ddTHH:mm:ss.ffffff");
    }
    long seconds = epochDayAt(text) * SECONDS_PER_DAY;
    long microOfDay = microOfDayAt(text, 11);
    return seconds * MICROS_PER_SECOND + microOfDay;
  }

  /**
   * The days-from-civil algorithm (eras of 400 years starting on March 1st), exact for the
   * proleptic Gregorian calendar BigQuery uses.
   */
  private static long epochDayAt(String text) {
    if (text.charAt(4) != '-' || text.charAt(7) != '-') {
      throw layout(text, "yyyy-MM-dd");
    }
    long year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    if (month <= 2) {
      year--;
    }
    long era = Math.floorDiv(year, 400);
    long yearOfEra = year - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static long microOfDayAt(String text, int at) {
    if (text.charAt(at + 2) != ':' || text.charAt(at + 5) != ':' || text.charAt(at + 8) != '.') {
      throw layout(text, "HH:mm:ss.ffffff");
    }
    long seconds =
        digits(text, at, 2) * 3600L + digits(text, at + 3, 2) * 60L + digits(text, at + 6, 2);
    return seconds * MICROS_PER_SECOND + digits(text, at + 9, 6);
  }

  private static int digits(String text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        throw new IllegalArgumentException(
            "'" + text + "' has '" + text.charAt(i) + "' where a digit belongs");
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static void expect(String text, int length, String form) {
    if (text.length() != length) {
      throw layout(text, form);
    }
  }

  private static IllegalArgumentException layout(String text, String form) {
    return new IllegalArgumentException(
        "'" + text + "' is not in the canonical form " + form + " our converters write");
  }
}
