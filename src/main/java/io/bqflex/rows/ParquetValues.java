package io.bqflex.rows;

import io.bqflex.core.RecordException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;

/**
 * Parquet's encodings of one value, read into the canonical TableRow forms of {@link
 * BigQueryValues}: decimals from their unscaled integers (never through a double), INT96 from its
 * Julian day and nanoseconds, strings from their bytes. Dates, times and timestamps, counted from
 * the epoch, are {@link EpochTimes}' as for Avro.
 */
final class ParquetValues {

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

  /**
   * INT96 (Impala's and Spark's legacy timestamp): 8 bytes of nanoseconds within the day, then 4
   * bytes of Julian day, both little-endian. Nanoseconds below the microsecond are cut, as BigQuery
   * keeps microseconds.
   */
  static long int96Micros(Binary int96) {
    ByteBuffer bytes = int96.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = bytes.getLong(bytes.position());
    long julianDay = bytes.getInt(bytes.position() + 8);
    return (julianDay - JULIAN_EPOCH_DAY) * EpochTimes.MICROS_PER_DAY
        + Math.floorDiv(nanosOfDay, 1000L);
  }

  /**
   * The bytes as text, if they are well-formed UTF-8 (the check binary formats share, {@link
   * Utf8Bytes}); otherwise null.
   */
  static String utf8(byte[] bytes) {
    return Utf8Bytes.firstInvalid(bytes, bytes.length) < 0
        ? new String(bytes, StandardCharsets.UTF_8)
        : null;
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
}
