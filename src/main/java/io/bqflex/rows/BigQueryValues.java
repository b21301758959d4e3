package io.bqflex.rows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.math.BigDecimal;
import java.util.Base64;

/**
 * BigQuery's rules for one value of each type, shared by the JSON and CSV converters, and the one
 * canonical form each value takes in a TableRow. The canonical form is chosen so that BigQuery's
 * JSON loader (FILE_LOADS writes TableRows as JSON) and Beam's {@code TableRowToStorageApiProto}
 * (Storage Write API) read the same value from it:
 *
 * <ul>
 *   <li>STRING: the String, if it is Unicode text (no lone UTF-16 surrogate).
 *   <li>GEOGRAPHY: the String, if it parses as WKT, WKB (hex) or GeoJSON within BigQuery's
 *       coordinate ranges: see {@link BigQueryGeography}.
 *   <li>BYTES: standard, padded base64 of the decoded bytes.
 *   <li>INT64: the decimal String ({@code Long.toString}); JSON numbers above 2^53 lose precision
 *       in JSON tools, and the Storage API converter parses a String as is.
 *   <li>FLOAT64: a Double. Accepts decimal or exponent text, and NaN, Inf, Infinity (any case, with
 *       a sign); a finite text that overflows a double is an error.
 *   <li>NUMERIC / BIGNUMERIC: the plain decimal String without trailing zeros. Digits past the
 *       scale (9 / 38, or S of NUMERIC(P, S)) are ROUNDED as the column's roundingMode says, half
 *       away from zero when it has none, because that is what BigQuery does when it stores such a
 *       value (REST reference, RoundingMode); a value outside the range after rounding is an error
 *       naming the column's type with its parameters.
 *   <li>RANGE: see {@link BigQueryRanges}.
 *   <li>INTERVAL: see {@link BigQueryIntervals}.
 *   <li>BOOL: a Boolean. Text forms, case-insensitive, as the CSV loading page lists them: true,
 *       false, t, f, yes, no, y, n, 1, 0. JSON also allows true/false literals and the numbers 1/0.
 *   <li>DATE, TIME, DATETIME, TIMESTAMP: see {@link BigQueryTimes}; TIMESTAMP is normalized to UTC
 *       text, also when given as UNIX epoch seconds.
 *   <li>JSON: a Jackson {@code JsonNode}, within the limits of {@link JsonColumnLimits}. FILE_LOADS
 *       serializes it as raw JSON (a String would load as a JSON string) and the Storage API
 *       converter sends its {@code toString()}, its JSON text.
 * </ul>
 *
 * Every error is a {@link Stage#CONVERT} {@link RecordException} naming the field path and quoting
 * the offending value (cut to {@value #MAX_QUOTED} characters).
 */
final class BigQueryValues {
  static final int MAX_QUOTED = 100;

  private static final ObjectMapper JSON_VALUES =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();
  private static final Base64.Encoder BASE64_ENCODER = Base64.getEncoder();

  private BigQueryValues() {}

  /**
   * The value of {@code field} written as text: a CSV column, or a JSON string. (A JSON field's
   * JSON string is a JSON value of its own; the JSON converter handles that case itself.)
   */
  static Object fromText(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    switch (field.type) {
      case STRING:
        return string(field, text, prefix, element);
      case BYTES:
        return bytes(field, text, prefix, element);
      case INTEGER:
        return int64(field, text, prefix, element);
      case FLOAT:
        return float64(field, text, prefix, element);
      case NUMERIC:
      case BIGNUMERIC:
        return decimal(field, text, prefix, element);
      case BOOLEAN:
        return bool(field, text, prefix, element);
      case DATE:
        return temporal(field, BigQueryTimes.date(text), text, "YYYY-MM-DD", prefix, element);
      case TIME:
        return temporal(
            field, BigQueryTimes.time(text), text, "HH:MM:SS[.ffffff]", prefix, element);
      case DATETIME:
        return temporal(
            field,
            BigQueryTimes.datetime(text),
            text,
            "YYYY-MM-DD[( |T)HH:MM:SS[.ffffff]]",
            prefix,
            element);
      case TIMESTAMP:
        String canonical = BigQueryTimes.timestamp(text);
        if (canonical == null && isDecimalText(text)) {
          return epochTimestamp(field, text, prefix, element);
        }
        return temporal(
            field,
            canonical,
            text,
            "YYYY-MM-DD[( |T)HH:MM:SS[.ffffff]][ UTC|Z|+hh:mm] in years 0001-9999,"
                + " or UNIX epoch seconds",
            prefix,
            element);
      case GEOGRAPHY:
        return BigQueryGeography.check(field, text, prefix, element);
      case RANGE:
        return BigQueryRanges.canonical(field, text, prefix, element);
      case INTERVAL:
        return BigQueryIntervals.canonical(field, text, prefix, element);
      case JSON:
        JsonNode tree;
        try {
          tree = JSON_VALUES.readTree(text);
        } catch (JsonProcessingException e) {
          throw error(
              field,
              prefix,
              element,
              quote(text) + " is not valid JSON: " + e.getOriginalMessage());
        }
        return json(field, tree, prefix, element);
      case RECORD:
      default:
        throw error(field, prefix, element, quote(text) + " is text; a RECORD needs a JSON object");
    }
  }

  /** The value of {@code field} written as a JSON number ({@code text} as it appears). */
  static Object fromJsonNumber(
      FieldPlan field, String text, boolean integral, String prefix, int element)
      throws RecordException {
    switch (field.type) {
      case STRING:
        return fromText(field, text, prefix, element);
      case INTEGER:
        if (!integral) {
          throw error(
              field, prefix, element, quote(text) + " is not an INT64 (it must be a whole number)");
        }
        return int64(field, text, prefix, element);
      case FLOAT:
        return float64(field, text, prefix, element);
      case NUMERIC:
      case BIGNUMERIC:
        return decimal(field, text, prefix, element);
      case BOOLEAN:
        if (text.equals("1") || text.equals("0")) {
          return text.equals("1");
        }
        throw error(field, prefix, element, quote(text) + " is not a BOOL");
      case TIMESTAMP:
        return epochTimestamp(field, text, prefix, element);
      default:
        throw wrongJsonKind(field, prefix, element, "the number " + quote(text));
    }
  }

  /** The value of {@code field} written as JSON {@code true} or {@code false}. */
  static Object fromJsonBoolean(FieldPlan field, boolean value, String prefix, int element)
      throws RecordException {
    switch (field.type) {
      case BOOLEAN:
        return value;
      case STRING:
        return fromText(field, Boolean.toString(value), prefix, element);
      default:
        throw wrongJsonKind(field, prefix, element, "the boolean " + value);
    }
  }

  static RecordException wrongJsonKind(
      FieldPlan field, String prefix, int element, String whatWasGiven) {
    String expected =
        field.type == BigQueryType.RECORD
            ? "a JSON object"
            : article(field.type) + field.type.sqlName();
    return error(field, prefix, element, "got " + whatWasGiven + ", expected " + expected);
  }

  static RecordException error(FieldPlan field, String prefix, int element, String problem) {
    return new RecordException(
        Stage.CONVERT, "field '" + field.displayPath(prefix, element) + "': " + problem);
  }

  /** An error that quotes the offending {@code text}, then says what is wrong with it. */
  static RecordException errorQuoting(
      FieldPlan field, String text, String prefix, int element, String problem) {
    return error(field, prefix, element, quote(text) + " " + problem);
  }

  private static String article(BigQueryType type) {
    return type == BigQueryType.INTEGER || type == BigQueryType.INTERVAL ? "an " : "a ";
  }

  static String quote(String value) {
    return value.length() <= MAX_QUOTED
        ? "'" + value + "'"
        : "'" + value.substring(0, MAX_QUOTED) + "...' (" + value.length() + " characters)";
  }

  /**
   * A STRING as is. A lone UTF-16 surrogate (JSON's {@code "\\ud800"}) is not Unicode text: the
   * UTF-8 encoders on the way to BigQuery write it as {@code ?} and BigQuery's CSV loader would
   * store U+FFFD, so the value would change; it is an error here instead.
   */
  private static String string(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    checkUnicode(field, text, "", prefix, element);
    if (field.maxLength >= 0) {
      checkLength(field, text.codePointCount(0, text.length()), text, prefix, element);
    }
    return text;
  }

  /**
   * Throws if {@code text} holds a lone surrogate; {@code where} says where the text sits (empty
   * for the value itself). One pass over the characters; no allocation unless it throws.
   */
  static void checkUnicode(FieldPlan field, String text, String where, String prefix, int element)
      throws RecordException {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      throw error(
          field,
          prefix,
          element,
          where
              + "has a lone UTF-16 surrogate \\u"
              + Integer.toHexString(c)
              + " at character "
              + i
              + ", which is not Unicode text and would not reach BigQuery unchanged");
    }
  }

  /** A JSON column's value once BigQuery's JSON type can hold it: see {@link JsonColumnLimits}. */
  static JsonNode json(FieldPlan field, JsonNode value, String prefix, int element)
      throws RecordException {
    JsonColumnLimits.check(field, value, prefix, element);
    return value;
  }

  /**
   * TIMESTAMP given as a number: UNIX epoch seconds, as BigQuery's CSV and JSON loading pages
   * accept them (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-csv). Integer,
   * decimal or exponent form; digits past the microsecond are rounded half away from zero. The
   * pages' example {@code 1.534680695e12} is read as seconds too, which is past year 9999 and so an
   * error (it equals their {@code 1534680695} only as milliseconds; the pages name no unit but
   * seconds). Handed on in the canonical text form, never as a number: Beam's Storage Write
   * conversion reads a numeric String as milliseconds, a Long as microseconds and a Double as
   * seconds.
   */
  private static String epochTimestamp(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    String canonical = null;
    try {
      canonical = BigQueryTimes.timestampOfEpochSeconds(new BigDecimal(text));
    } catch (NumberFormatException e) {
      // an exponent beyond int: far outside the range
    }
    if (canonical == null) {
      throw error(
          field,
          prefix,
          element,
          quote(text)
              + " read as UNIX epoch seconds is outside TIMESTAMP's range"
              + " 0001-01-01 to 9999-12-31");
    }
    return canonical;
  }

  private static String bytes(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    byte[] decoded;
    try {
      decoded = BASE64_DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw error(field, prefix, element, quote(text) + " is not base64 (BYTES are base64 text)");
    }
    checkLength(field, decoded.length, text, prefix, element);
    return BASE64_ENCODER.encodeToString(decoded);
  }

  private static Object int64(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    int length = text.length();
    int i = 0;
    boolean negative = false;
    if (length > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
      negative = text.charAt(0) == '-';
      i = 1;
    }
    if (i == length) {
      throw error(field, prefix, element, quote(text) + " is not an INT64");
    }
    // Accumulate negatively, as Long.parseLong does, so that Long.MIN_VALUE fits.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multiplyMin = limit / 10;
    long value = 0;
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw error(field, prefix, element, quote(text) + " is not an INT64");
      }
      int digit = c - '0';
      if (value < multiplyMin || value * 10 < limit + digit) {
        throw error(field, prefix, element, quote(text) + " is out of INT64 range");
      }
      value = value * 10 - digit;
    }
    if (!negative) {
      value = -value;
    }
    return Long.toString(value);
  }

  private static Double float64(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    Double special = nonFinite(text);
    if (special != null) {
      return special;
    }
    if (!isDecimalText(text)) {
      throw error(field, prefix, element, quote(text) + " is not a FLOAT64");
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw error(field, prefix, element, quote(text) + " is out of FLOAT64 range");
    }
    return value;
  }

  private static Double nonFinite(String text) {
    int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
    String body = text.substring(start);
    if (body.equalsIgnoreCase("nan")) {
      return start == 0 ? Double.NaN : null;
    }
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return null;
  }

  private static String decimal(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    String typeName = field.type.sqlName();
    if (!isDecimalText(text)) {
      throw error(field, prefix, element, quote(text) + " is not a " + typeName);
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw error(field, prefix, element, quote(text) + " is not a " + typeName);
    }
    DecimalLimits limits = field.decimal;
    // Cheap guard first: rounding a huge exponent to the scale would build a huge number.
    if (value.signum() != 0 && value.precision() - value.scale() > limits.maxIntegerDigits) {
      throw outOfRange(field, text, prefix, element);
    }
    if (value.scale() > limits.scale) {
      value = value.setScale(limits.scale, limits.rounding);
    }
    if (value.compareTo(limits.max) > 0 || value.compareTo(limits.min) < 0) {
      throw outOfRange(field, text, prefix, element);
    }
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  /**
   * The reason names the column's limit; a parameterized column's bounds too, as {@code NUMERIC(5,
   * 2)} alone does not say that it holds -999.99 to 999.99.
   */
  private static RecordException outOfRange(
      FieldPlan field, String text, String prefix, int element) {
    DecimalLimits limits = field.decimal;
    String bounds =
        limits.typeName.equals(field.type.sqlName())
            ? ""
            : " (" + limits.min.toPlainString() + " to " + limits.max.toPlainString() + ")";
    return error(
        field, prefix, element, quote(text) + " is out of " + limits.typeName + " range" + bounds);
  }

  /** Digits with an optional sign, point and exponent; nothing Java alone would accept (0x, d). */
  static boolean isDecimalText(String text) {
    int length = text.length();
    int i = 0;
    if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int mantissaDigits = 0;
    boolean point = false;
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        mantissaDigits++;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (mantissaDigits == 0) {
      return false;
    }
    if (i == length) {
      return true;
    }
    if (text.charAt(i) != 'e' && text.charAt(i) != 'E') {
      return false;
    }
    i++;
    if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int exponentDigits = 0;
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      exponentDigits++;
    }
    return exponentDigits > 0;
  }

  private static Boolean bool(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    switch (text.length()) {
      case 1:
        char c = Character.toLowerCase(text.charAt(0));
        if (c == 't' || c == 'y' || c == '1') {
          return Boolean.TRUE;
        }
        if (c == 'f' || c == 'n' || c == '0') {
          return Boolean.FALSE;
        }
        break;
      case 2:
        if (text.equalsIgnoreCase("no")) {
          return Boolean.FALSE;
        }
        break;
      case 3:
        if (text.equalsIgnoreCase("yes")) {
          return Boolean.TRUE;
        }
        break;
      case 4:
        if (text.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        }
        break;
      case 5:
        if (text.equalsIgnoreCase("false")) {
          return Boolean.FALSE;
        }
        break;
      default:
        break;
    }
    throw error(
        field,
        prefix,
        element,
        quote(text) + " is not a BOOL (expected true/false, t/f, yes/no, y/n or 1/0)");
  }

  private static String temporal(
      FieldPlan field, String canonical, String text, String form, String prefix, int element)
      throws RecordException {
    if (canonical == null) {
      throw error(
          field,
          prefix,
          element,
          quote(text) + " is not a " + field.type.sqlName() + " (expected " + form + ")");
    }
    return canonical;
  }

  private static void checkLength(
      FieldPlan field, long length, String text, String prefix, int element)
      throws RecordException {
    if (field.maxLength >= 0 && length > field.maxLength) {
      String unit = field.type == BigQueryType.BYTES ? " bytes" : " characters";
      throw error(
          field,
          prefix,
          element,
          quote(text) + " is longer than the column's maximum of " + field.maxLength + unit);
    }
  }
}
