package io.bqflex.rows;

import io.bqflex.core.RecordException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.parquet.io.api.Binary;

/**
 * Parquet's encodings of one value, read into the canonical TableRow forms of {@link
 * BigQueryValues} and {@link BigQueryTimes}: decimals from their unscaled integers (never through a
 * double), INT96 from its Julian day and nanoseconds, dates, times and timestamps from their
 * counts. Each reader returns null when the value is outside BigQuery's range, so the caller can
 * say which column.
 */
final class ParquetValues {
  /** 0001-01-01 and 9999-12-31 as days since 1970-01-01: DATE's range. */
  private static final long MIN_EPOCH_DAY = -719_162L;

  private static final long MAX_EPOCH_DAY = 2_932_896L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** Julian day number of 1970-01-01. */
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private ParquetValues() {}

  static BigDecimal decimal(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale);
  }

  /** A DECIMAL's unscaled value as big-endian two's complement bytes. */
  static BigDecimal decimal(Binary unscaled, int scale) {
    return new BigDecimal(new BigInteger(unscaled.getBytesUnsafe()), scale);
  }

  /** DATE {@code yyyy-MM-dd}; null outside 0001-01-01..9999-12-31. */
  static String date(long epochDay) {
    if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
      return null;
    }
    return appendDate(new StringBuilder(10), epochDay).toString();
  }

  /** TIMESTAMP {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}; null outside years 0001-9999. */
  static String timestampOfMicros(long micros) {
    String local = datetimeOfMicros(micros);
    return local == null ? null : local + 'Z';
  }

  /** DATETIME {@code yyyy-MM-ddTHH:mm:ss.ffffff}; null outside years 0001-9999. */
  static String datetimeOfMicros(long micros) {
    long day = Math.floorDiv(micros, MICROS_PER_DAY);
    if (day < MIN_EPOCH_DAY || day > MAX_EPOCH_DAY) {
      return null;
    }
    StringBuilder out = appendDate(new StringBuilder(27), day).append('T');
    return appendTime(out, Math.floorMod(micros, MICROS_PER_DAY)).toString();
  }

  /** TIME {@code HH:mm:ss.ffffff}; null outside the day. */
  static String timeOfMicros(long micros) {
    if (micros < 0 || micros >= MICROS_PER_DAY) {
      return null;
    }
    return appendTime(new StringBuilder(15), micros).toString();
  }

  /**
   * INT96 (Impala's and Spark's legacy timestamp): 8 bytes of nanoseconds within the day, then 4
   * bytes of Julian day, both little-endian. Nanoseconds below the microsecond are cut, as BigQuery
   * keeps microseconds.
   */
  static long int96Micros(Binary int96) {
    ByteBuffer bytes = int96.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = bytes.getLong(bytes.position());
    long julianDay = bytes.getInt(bytes.position() + 8);
    return (julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + Math.floorDiv(nanosOfDay, 1000L);
  }

  /**
   * The bytes as text, if they are UTF-8; otherwise null. The JDK's decoder is the fast path; it
   * replaces malformed input with U+FFFD, so only text that holds U+FFFD is decoded again strictly.
   */
  static String utf8(byte[] bytes, CharsetDecoder strict) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text;
    }
    try {
      CharBuffer chars = strict.reset().decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = Character.forDigit((bytes[i] >> 4) & 0xF, 16);
      out[2 * i + 1] = Character.forDigit(bytes[i] & 0xF, 16);
    }
    return new String(out);
  }

  /** An error for a value outside its column's range, naming the field and the value as read. */
  static RecordException outOfRange(
      FieldPlan field, String prefix, int element, String value, String range) {
    return BigQueryValues.error(
        field,
        prefix,
        element,
        value + " is outside " + field.type.sqlName() + "'s range " + range);
  }

  private static StringBuilder appendDate(StringBuilder out, long epochDay) {
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    pad(out, date.getYear(), 4).append('-');
    pad(out, date.getMonthValue(), 2).append('-');
    return pad(out, date.getDayOfMonth(), 2);
  }

  private static StringBuilder appendTime(StringBuilder out, long microsOfDay) {
    long seconds = microsOfDay / 1_000_000L;
    pad(out, (int) (seconds / 3600), 2).append(':');
    pad(out, (int) (seconds / 60 % 60), 2).append(':');
    pad(out, (int) (seconds % 60), 2).append('.');
    return pad(out, (int) (microsOfDay % 1_000_000L), 6);
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; digits++, limit *= 10) {
      if (value < limit) {
        out.append('0');
      }
    }
    return out.append(value);
  }
}
