package io.bqflex.rows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;

/**
 * Parses BigQuery's DATE, TIME, DATETIME and TIMESTAMP text forms into one canonical form each.
 * Hand-written rather than {@code DateTimeFormatter}: the accepted forms have optional parts and
 * one- or two-digit fields that formatters express badly, impossible dates must be errors (never
 * "resolved" to the next month), and this runs for every value on the hot path.
 *
 * <p>Accepted (BigQuery data types page, canonical formats; the loading pages add the '/' date
 * separator for TIMESTAMP):
 *
 * <ul>
 *   <li>DATE {@code YYYY-[M]M-[D]D}
 *   <li>TIME {@code [H]H:[M]M:[S]S[.F]} with F one to six digits
 *   <li>DATETIME {@code DATE[( |T)TIME]}
 *   <li>TIMESTAMP {@code DATE[( |T)TIME][[ ]ZONE]}, the date may use '/'; ZONE is {@code Z}, {@code
 *       UTC} or {@code ±H[H][:MM]}; no zone means UTC. Also UNIX epoch seconds ({@link
 *       #timestampOfEpochSeconds}).
 * </ul>
 *
 * Output: DATE {@code yyyy-MM-dd}, TIME {@code HH:mm:ss.ffffff}, DATETIME {@code
 * yyyy-MM-ddTHH:mm:ss.ffffff}, TIMESTAMP {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (UTC). These are the
 * ISO forms that both BigQuery's JSON loader and Beam's {@code TableRowToStorageApiProto} parse.
 * Each method returns null when the text is not of its form.
 */
public final class BigQueryTimes {
  private BigQueryTimes() {}

  static String date(String text) {
    Cursor c = new Cursor(text);
    if (!c.date(false) || !c.atEnd()) {
      return null;
    }
    StringBuilder out = new StringBuilder(10);
    appendDate(out, c.year, c.month, c.day);
    return out.toString();
  }

  static String time(String text) {
    Cursor c = new Cursor(text);
    if (!c.time() || !c.atEnd()) {
      return null;
    }
    StringBuilder out = new StringBuilder(15);
    appendTime(out, c.hour, c.minute, c.second, c.micros);
    return out.toString();
  }

  static String datetime(String text) {
    Cursor c = new Cursor(text);
    if (!c.date(false)) {
      return null;
    }
    if (!c.atEnd() && (!c.timeSeparator() || !c.time())) {
      return null;
    }
    if (!c.atEnd()) {
      return null;
    }
    StringBuilder out = new StringBuilder(26);
    appendDate(out, c.year, c.month, c.day);
    out.append('T');
    appendTime(out, c.hour, c.minute, c.second, c.micros);
    return out.toString();
  }

  /**
   * {@code epochMillis} in the canonical TIMESTAMP form {@link #timestamp} produces, for values
   * that come from a clock rather than a payload (failure times, publish times).
   */
  public static String timestampOfMillis(long epochMillis) {
    return CANONICAL_TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
  }

  private static final DateTimeFormatter CANONICAL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * A time text whose column type is not known, for a name formed from it: a DATE's text in its
   * canonical DATE form, any other in the canonical TIMESTAMP form (a DATETIME's wall time read at
   * UTC, as a TIMESTAMP without a zone is); null when it is neither.
   */
  public static String dateOrTimestamp(String text) {
    String date = date(text);
    return date != null ? date : timestamp(text);
  }

  static String timestamp(String text) {
    Cursor c = new Cursor(text);
    if (!c.date(true)) {
      return null;
    }
    if (c.timeFollows() && (!c.timeSeparator() || !c.time())) {
      return null;
    }
    Integer offsetSeconds = c.zone();
    if (offsetSeconds == null || !c.atEnd()) {
      return null;
    }
    long localSeconds =
        LocalDateTime.of(c.year, c.month, c.day, c.hour, c.minute, c.second)
            .toEpochSecond(ZoneOffset.UTC);
    LocalDateTime utc =
        LocalDateTime.ofEpochSecond(localSeconds - offsetSeconds, 0, ZoneOffset.UTC);
    if (utc.getYear() < 1 || utc.getYear() > 9999) {
      return null; // the zone moved it outside TIMESTAMP's range
    }
    return canonicalTimestamp(utc, c.micros);
  }

  /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z as UNIX epoch seconds: TIMESTAMP's range. */
  private static final long MIN_EPOCH_SECOND = -62_135_596_800L;

  private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

  /**
   * UNIX epoch {@code seconds} in the canonical TIMESTAMP form, rounded half away from zero to the
   * microsecond (BigQuery keeps microseconds); null outside years 0001-9999.
   */
  static String timestampOfEpochSeconds(BigDecimal seconds) {
    // Cheap guard first: 10^12 seconds is past year 9999, and rounding a huge exponent is costly.
    if (seconds.signum() != 0 && seconds.precision() - seconds.scale() > 12) {
      return null;
    }
    long micros = seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    long second = Math.floorDiv(micros, 1_000_000L);
    if (second < MIN_EPOCH_SECOND || second > MAX_EPOCH_SECOND) {
      return null;
    }
    return canonicalTimestamp(
        LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC),
        (int) Math.floorMod(micros, 1_000_000L));
  }

  private static String canonicalTimestamp(LocalDateTime utc, int micros) {
    StringBuilder out = new StringBuilder(27);
    appendDate(out, utc.getYear(), utc.getMonthValue(), utc.getDayOfMonth());
    out.append('T');
    appendTime(out, utc.getHour(), utc.getMinute(), utc.get(ChronoField.SECOND_OF_MINUTE), micros);
    return out.append('Z').toString();
  }

  private static void appendDate(StringBuilder out, int year, int month, int day) {
    pad(out, year, 4).append('-');
    pad(out, month, 2).append('-');
    pad(out, day, 2);
  }

  private static void appendTime(StringBuilder out, int hour, int minute, int second, int micros) {
    pad(out, hour, 2).append(':');
    pad(out, minute, 2).append(':');
    pad(out, second, 2).append('.');
    pad(out, micros, 6);
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; digits++, limit *= 10) {
      if (value < limit) {
        out.append('0');
      }
    }
    return out.append(value);
  }

  /** Reads the parts left to right; each method consumes its part or returns false. */
  private static final class Cursor {
    private final String s;
    private int pos;
    int year;
    int month;
    int day;
    int hour;
    int minute;
    int second;
    int micros;

    Cursor(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos == s.length();
    }

    boolean date(boolean slashAllowed) {
      year = digits(4, 4);
      if (year < 1 || pos >= s.length()) {
        return false;
      }
      char separator = s.charAt(pos);
      if (separator != '-' && !(slashAllowed && separator == '/')) {
        return false;
      }
      pos++;
      month = digits(1, 2);
      if (month < 1 || month > 12 || !accept(separator)) {
        return false;
      }
      day = digits(1, 2);
      return day >= 1 && day <= lengthOfMonth(year, month);
    }

    /** True when a time part follows the date: a separator and then a digit. */
    boolean timeFollows() {
      return pos + 1 < s.length()
          && (s.charAt(pos) == ' ' || s.charAt(pos) == 'T')
          && isDigit(s.charAt(pos + 1));
    }

    boolean timeSeparator() {
      return accept(' ') || accept('T');
    }

    boolean time() {
      hour = digits(1, 2);
      if (hour < 0 || hour > 23 || !accept(':')) {
        return false;
      }
      minute = digits(1, 2);
      if (minute < 0 || minute > 59 || !accept(':')) {
        return false;
      }
      second = digits(1, 2);
      if (second < 0 || second > 59) {
        return false;
      }
      micros = 0;
      if (accept('.')) {
        int start = pos;
        int fraction = digits(1, 6);
        if (fraction < 0 || (pos < s.length() && isDigit(s.charAt(pos)))) {
          return false; // none, or more than microseconds: BigQuery keeps microseconds only
        }
        for (int i = pos - start; i < 6; i++) {
          fraction *= 10;
        }
        micros = fraction;
      }
      return true;
    }

    /** The zone's offset in seconds east of UTC; 0 when there is none; null when malformed. */
    Integer zone() {
      if (atEnd()) {
        return 0;
      }
      accept(' ');
      if (accept('Z') || accept('z')) {
        return 0;
      }
      if (s.regionMatches(true, pos, "UTC", 0, 3)) {
        pos += 3;
        return 0;
      }
      int sign;
      if (accept('+')) {
        sign = 1;
      } else if (accept('-')) {
        sign = -1;
      } else {
        return null;
      }
      int hours = digits(1, 2);
      if (hours < 0 || hours > 14) {
        return null;
      }
      int minutes = 0;
      if (accept(':')) {
        minutes = digits(2, 2);
      } else if (!atEnd()) {
        minutes = digits(2, 2); // +hhmm
      }
      if (minutes < 0 || minutes > 59) {
        return null;
      }
      return sign * (hours * 3600 + minutes * 60);
    }

    private boolean accept(char c) {
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    /** Reads min..max digits as a number; -1 when fewer than min are there. */
    private int digits(int min, int max) {
      int value = 0;
      int count = 0;
      while (count < max && pos < s.length() && isDigit(s.charAt(pos))) {
        value = value * 10 + (s.charAt(pos) - '0');
        pos++;
        count++;
      }
      return count < min ? -1 : value;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static int lengthOfMonth(int year, int month) {
      switch (month) {
        case 2:
          boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
          return leap ? 29 : 28;
        case 4:
        case 6:
        case 9:
        case 11:
          return 30;
        default:
          return 31;
      }
    }
  }
}
