package io.bqflex.rows;

/**
 * DATE, TIME, DATETIME and TIMESTAMP values counted from the UNIX epoch, as binary formats store
 * them (days, milliseconds, microseconds), in the canonical text forms {@link BigQueryTimes}
 * produces: {@code yyyy-MM-dd}, {@code HH:mm:ss.ffffff}, {@code yyyy-MM-ddTHH:mm:ss.ffffff} and
 * that with {@code Z}. Each method returns null outside BigQuery's range (years 0001 to 9999, a
 * time of day below 24:00). Written with integer arithmetic into a char array: it runs for every
 * value and allocates nothing but the result.
 */
final class EpochTimes {
  /** 0001-01-01 and 9999-12-31 as days since 1970-01-01. */
  static final long MIN_EPOCH_DAY = -719_162L;

  static final long MAX_EPOCH_DAY = 2_932_896L;

  static final long MICROS_PER_DAY = 86_400_000_000L;

  private EpochTimes() {}

  static String date(long epochDay) {
    if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
      return null;
    }
    char[] out = new char[10];
    writeDate(out, epochDay);
    return new String(out);
  }

  static String timeOfMicros(long microOfDay) {
    if (microOfDay < 0 || microOfDay >= MICROS_PER_DAY) {
      return null;
    }
    char[] out = new char[15];
    writeTime(out, 0, microOfDay);
    return new String(out);
  }

  static String datetimeOfMicros(long epochMicros) {
    return dateTime(epochMicros, false);
  }

  static String datetimeOfMillis(long epochMillis) {
    return inMicrosRange(epochMillis) ? dateTime(epochMillis * 1000, false) : null;
  }

  static String timestampOfMicros(long epochMicros) {
    return dateTime(epochMicros, true);
  }

  static String timestampOfMillis(long epochMillis) {
    return inMicrosRange(epochMillis) ? dateTime(epochMillis * 1000, true) : null;
  }

  /** Milliseconds whose microseconds fit a long; all of BigQuery's range does. */
  private static boolean inMicrosRange(long epochMillis) {
    return epochMillis >= Long.MIN_VALUE / 1000 && epochMillis <= Long.MAX_VALUE / 1000;
  }

  private static String dateTime(long epochMicros, boolean zone) {
    long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
    if (day < MIN_EPOCH_DAY || day > MAX_EPOCH_DAY) {
      return null;
    }
    char[] out = new char[zone ? 27 : 26];
    writeDate(out, day);
    out[10] = 'T';
    writeTime(out, 11, Math.floorMod(epochMicros, MICROS_PER_DAY));
    if (zone) {
      out[26] = 'Z';
    }
    return new String(out);
  }

  /**
   * The proleptic Gregorian date of {@code epochDay} at {@code out[0..9]}: the civil-from-days
   * algorithm (eras of 400 years, 146097 days each, starting on March 1st).
   */
  private static void writeDate(char[] out, long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthFromMarch = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
    int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
  }

  /** {@code HH:mm:ss.ffffff} at {@code out[at..at+14]}. */
  private static void writeTime(char[] out, int at, long microOfDay) {
    long seconds = microOfDay / 1_000_000;
    digits(out, at, (int) (seconds / 3600), 2);
    out[at + 2] = ':';
    digits(out, at + 3, (int) (seconds / 60 % 60), 2);
    out[at + 5] = ':';
    digits(out, at + 6, (int) (seconds % 60), 2);
    out[at + 8] = '.';
    digits(out, at + 9, (int) (microOfDay % 1_000_000), 6);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
