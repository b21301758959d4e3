package io.bqflex.rows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Base64;

/**
 * BigQuery's rules for one value of each type, shared by the JSON and CSV converters, and the one
 * canonical form each value takes in a TableRow. The canonical form is chosen so that BigQuery's
 * JSON loader (FILE_LOADS writes TableRows as JSON) and Beam's {@code TableRowToStorageApiProto}
 * (Storage Write API) read the same value from it:
 *
 * <ul>
 *   <li>STRING, GEOGRAPHY: the String. GEOGRAPHY must not be blank (WKT or GeoJSON text).
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
 *   <li>BOOL: a Boolean. Text forms, case-insensitive, as the CSV loading page lists them: true,
 *       false, t, f, yes, no, y, n, 1, 0. JSON also allows true/false literals and the numbers 1/0.
 *   <li>DATE, TIME, DATETIME, TIMESTAMP: see {@link BigQueryTimes}; TIMESTAMP is normalized to UTC.
 *   <li>JSON: a Jackson {@code JsonNode}. FILE_LOADS serializes it as raw JSON (a String would load
 *       as a JSON string) and the Storage API converter sends its {@code toString()}, its JSON
 *       text.
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
        checkLength(field, text.codePointCount(0, text.length()), text, prefix, element);
        return text;
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
        return temporal(
            field,
            BigQueryTimes.timestamp(text),
            text,
            "YYYY-MM-DD[( |T)HH:MM:SS[.ffffff]][ UTC|Z|+hh:mm] in years 0001-9999",
            prefix,
            element);
      case GEOGRAPHY:
        if (text.isBlank()) {
          throw error(field, prefix, element, "an empty GEOGRAPHY; expected WKT or GeoJSON text");
        }
        return text;
      case RANGE:
        return BigQueryRanges.canonical(field, text, prefix, element);
      case JSON:
        try {
          return JSON_VALUES.readTree(text);
        } catch (JsonProcessingException e) {
          throw error(
              field,
              prefix,
              element,
              quote(text) + " is not valid JSON: " + e.getOriginalMessage());
        }
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

  private static String article(BigQueryType type) {
    return type == BigQueryType.INTEGER ? "an " : "a ";
  }

  static String quote(String value) {
    return value.length() <= MAX_QUOTED
        ? "'" + value + "'"
        : "'" + value.substring(0, MAX_QUOTED) + "...' (" + value.length() + " characters)";
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
  private static boolean isDecimalText(String text) {
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
