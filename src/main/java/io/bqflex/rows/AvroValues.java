package io.bqflex.rows;

import io.bqflex.core.RecordException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.util.Utf8;

/**
 * The values Avro's readers hand over, read exactly. Generic readers give {@link Utf8} (or String)
 * for strings, {@link ByteBuffer} for bytes, {@link GenericFixed} for fixed and numbers for the
 * logical types; a reader with Avro's logical-type conversions gives {@link BigDecimal}, {@link
 * LocalDate}, {@link LocalTime}, {@link Instant}, {@link LocalDateTime} or a UUID instead. Both are
 * taken, so the converter does not depend on how the file was read.
 */
final class AvroValues {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final long NANOS_PER_MICRO = 1_000L;
  private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000 - 1;

  private AvroValues() {}

  /**
   * An Avro string's text, if it is Unicode: malformed UTF-8 bytes, or a lone UTF-16 surrogate in a
   * Java string, would not reach BigQuery unchanged.
   */
  static String text(FieldPlan field, Object value, String prefix, int element)
      throws RecordException {
    if (value instanceof Utf8 utf8) {
      byte[] bytes = utf8.getBytes();
      int length = utf8.getByteLength();
      int invalid = Utf8Bytes.firstInvalid(bytes, length);
      if (invalid >= 0) {
        throw BigQueryValues.error(
            field,
            prefix,
            element,
            "the Avro string is not valid UTF-8 (byte 0x"
                + Integer.toHexString(bytes[invalid] & 0xFF)
                + " at byte "
                + invalid
                + "); BigQuery loads Avro strings as UTF-8 only");
      }
      return utf8.toString();
    }
    String text = value.toString();
    if (value instanceof CharSequence) {
      BigQueryValues.checkUnicode(field, text, "", prefix, element);
    }
    return text;
  }

  /** BYTES: the bytes as standard base64, within the column's maximum length. */
  static String base64(FieldPlan field, Object value, String prefix, int element)
      throws RecordException {
    byte[] bytes = bytes(value);
    String base64 = BASE64.encodeToString(bytes);
    if (field.maxLength >= 0 && bytes.length > field.maxLength) {
      throw BigQueryValues.error(
          field,
          prefix,
          element,
          BigQueryValues.quote(base64)
              + " is longer than the column's maximum of "
              + field.maxLength
              + " bytes");
    }
    return base64;
  }

  /**
   * A decimal's exact value: the two's-complement big-endian unscaled integer of its bytes or
   * fixed, and the schema's scale. Never through a double.
   */
  static BigDecimal decimal(FieldPlan field, Object value, int scale, String prefix, int element)
      throws RecordException {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    byte[] bytes = bytes(value);
    if (bytes.length == 0) {
      throw BigQueryValues.error(
          field, prefix, element, "the Avro decimal has no bytes, so it is not a number");
    }
    return new BigDecimal(new BigInteger(bytes), scale);
  }

  /** A date's days since 1970-01-01. */
  static long epochDay(Object value) {
    return value instanceof LocalDate date ? date.toEpochDay() : ((Number) value).longValue();
  }

  /** A time-millis or time-micros value in microseconds of the day. */
  static long microOfDay(Object value, boolean millis) {
    if (value instanceof LocalTime time) {
      return time.toNanoOfDay() / NANOS_PER_MICRO;
    }
    long number = ((Number) value).longValue();
    return millis ? number * 1000 : number;
  }

  /**
   * A timestamp's or local timestamp's count since the epoch in its own unit (milliseconds or
   * microseconds); for Java time values, in microseconds ({@code millis} then says nothing).
   */
  static long epochCount(Object value) {
    if (value instanceof Instant instant) {
      return instantMicros(instant.getEpochSecond(), instant.getNano());
    }
    if (value instanceof LocalDateTime local) {
      return instantMicros(local.toEpochSecond(ZoneOffset.UTC), local.getNano());
    }
    return ((Number) value).longValue();
  }

  /** Whether {@link #epochCount} of this value is in microseconds whatever the schema says. */
  static boolean isJavaTime(Object value) {
    return value instanceof Instant || value instanceof LocalDateTime;
  }

  private static long instantMicros(long epochSecond, int nano) {
    // Clamped where microseconds would overflow a long: far past year 9999, refused anyway.
    long seconds = Math.max(-MAX_SECONDS, Math.min(MAX_SECONDS, epochSecond));
    return seconds * 1_000_000 + nano / NANOS_PER_MICRO;
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      byte[] bytes = new byte[view.remaining()];
      view.get(bytes);
      return bytes;
    }
    if (value instanceof GenericFixed fixed) {
      return fixed.bytes();
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    throw new IllegalStateException("not an Avro bytes or fixed value: " + value.getClass());
  }
}
