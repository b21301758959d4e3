package io.bqflex.rows;

import io.bqflex.core.RecordException;
import java.math.BigDecimal;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The conversions of one Avro scalar (a primitive, logical type, enum or fixed) into a column, as
 * {@link AvroConversions} describes: its own type directly, a string by the text rules, int and
 * long into FLOAT64, NUMERIC and BIGNUMERIC, anything else an error naming both types.
 */
final class AvroScalarConversions {
  private AvroScalarConversions() {}

  static AvroValueConversion of(
      AvroKind kind, Schema avro, FieldPlan column, DecimalTargetTypes decimals) {
    BigQueryType target = column.type;
    switch (kind) {
      case STRING:
      case UUID:
        return stringInto(column);
      case ENUM:
        return target == BigQueryType.STRING ? stringInto(column) : mismatch(avro, column, "");
      case BOOLEAN:
        return target == BigQueryType.BOOLEAN
            ? (value, prefix, element) -> value
            : mismatch(avro, column, "");
      case INT:
      case LONG:
        return integer(avro, column);
      case FLOAT:
      case DOUBLE:
        return target == BigQueryType.FLOAT
            ? (value, prefix, element) -> ((Number) value).doubleValue()
            : mismatch(avro, column, "");
      case BYTES:
      case FIXED:
      case DURATION:
        return target == BigQueryType.BYTES
            ? (value, prefix, element) -> AvroValues.base64(column, value, prefix, element)
            : mismatch(avro, column, "");
      case DECIMAL:
        return decimal(avro, column, decimals);
      case DATE:
        return target == BigQueryType.DATE
            ? (value, prefix, element) -> {
              long day = AvroValues.epochDay(value);
              return orOutOfRange(
                  EpochTimes.date(day),
                  column,
                  prefix,
                  element,
                  "day " + day + " since 1970-01-01");
            }
            : mismatch(avro, column, "");
      case TIME_MILLIS:
      case TIME_MICROS:
        boolean timeMillis = kind == AvroKind.TIME_MILLIS;
        return target == BigQueryType.TIME
            ? (value, prefix, element) -> {
              long micros = AvroValues.microOfDay(value, timeMillis);
              String time = EpochTimes.timeOfMicros(micros);
              if (time == null) {
                throw BigQueryValues.error(
                    column,
                    prefix,
                    element,
                    micros
                        + " microseconds is not a time of day (TIME holds 00:00:00 to"
                        + " 23:59:59.999999)");
              }
              return time;
            }
            : mismatch(avro, column, "");
      case TIMESTAMP_MILLIS:
      case TIMESTAMP_MICROS:
        return target == BigQueryType.TIMESTAMP
            ? epochConversion(column, kind == AvroKind.TIMESTAMP_MILLIS, true)
            : mismatch(avro, column, "");
      case LOCAL_TIMESTAMP_MILLIS:
      case LOCAL_TIMESTAMP_MICROS:
        return target == BigQueryType.DATETIME
            ? epochConversion(column, kind == AvroKind.LOCAL_TIMESTAMP_MILLIS, false)
            : mismatch(avro, column, "");
      default:
        return mismatch(avro, column, "");
    }
  }

  /** An Avro string (or enum symbol, uuid, map key): its own STRING, or read by the text rules. */
  static AvroValueConversion stringInto(FieldPlan column) {
    switch (column.type) {
      case STRING:
        if (column.maxLength < 0) {
          return (value, prefix, element) -> AvroValues.text(column, value, prefix, element);
        }
        return (value, prefix, element) ->
            BigQueryValues.fromText(
                column, AvroValues.text(column, value, prefix, element), prefix, element);
      case RECORD:
        return (value, prefix, element) -> {
          throw BigQueryValues.error(
              column,
              prefix,
              element,
              "the Avro type string cannot load into a RECORD column (it needs an Avro record)");
        };
      default:
        // A string into any other type reads as the CSV and JSON loaders read text.
        return (value, prefix, element) ->
            BigQueryValues.fromText(
                column, AvroValues.text(column, value, prefix, element), prefix, element);
    }
  }

  private static AvroValueConversion integer(Schema avro, FieldPlan column) {
    switch (column.type) {
      case INTEGER:
        return (value, prefix, element) -> Long.toString(((Number) value).longValue());
      case FLOAT:
        return (value, prefix, element) -> ((Number) value).doubleValue();
      case NUMERIC:
      case BIGNUMERIC:
        return (value, prefix, element) ->
            DecimalValues.canonical(
                column, BigDecimal.valueOf(((Number) value).longValue()), prefix, element, "");
      default:
        return mismatch(avro, column, "");
    }
  }

  private static AvroValueConversion decimal(
      Schema avro, FieldPlan column, DecimalTargetTypes decimals) {
    LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) avro.getLogicalType();
    int precision = decimal.getPrecision();
    int scale = decimal.getScale();
    BigQueryType own = decimals.targetFor(precision, scale);
    BigQueryType target = column.type;
    boolean widening = own == BigQueryType.NUMERIC && target == BigQueryType.BIGNUMERIC;
    if (target != own && !widening) {
      return mismatch(
          avro,
          column,
          " (with decimalTargetTypes "
              + decimals
              + " it loads as "
              + own.sqlName()
              + "; list "
              + target.sqlName()
              + " there if the column is right)");
    }
    if (target == BigQueryType.STRING) {
      // The decimal's digits with its own scale, as written; no rounding applies to a STRING.
      return (value, prefix, element) ->
          BigQueryValues.fromText(
              column,
              AvroValues.decimal(column, value, scale, prefix, element).toPlainString(),
              prefix,
              element);
    }
    String hint = DecimalTargetTypes.hintFor(target, precision, scale);
    return (value, prefix, element) ->
        DecimalValues.canonical(
            column,
            AvroValues.decimal(column, value, scale, prefix, element),
            prefix,
            element,
            hint);
  }

  /** TIMESTAMP ({@code zone}) or DATETIME from a count since the epoch. */
  private static AvroValueConversion epochConversion(
      FieldPlan column, boolean millis, boolean zone) {
    return (value, prefix, element) -> {
      long count = AvroValues.epochCount(value);
      boolean inMillis = millis && !AvroValues.isJavaTime(value);
      String text =
          zone
              ? (inMillis
                  ? EpochTimes.timestampOfMillis(count)
                  : EpochTimes.timestampOfMicros(count))
              : (inMillis
                  ? EpochTimes.datetimeOfMillis(count)
                  : EpochTimes.datetimeOfMicros(count));
      return orOutOfRange(
          text,
          column,
          prefix,
          element,
          count + (inMillis ? " milliseconds" : " microseconds") + " since 1970-01-01");
    };
  }

  private static String orOutOfRange(
      String canonical, FieldPlan column, String prefix, int element, String what)
      throws RecordException {
    if (canonical == null) {
      throw BigQueryValues.error(
          column,
          prefix,
          element,
          what + " is outside " + column.type.sqlName() + "'s range 0001-01-01 to 9999-12-31");
    }
    return canonical;
  }

  /** A value of an Avro type the column's type does not take: fails each record holding one. */
  static AvroValueConversion mismatch(Schema avro, FieldPlan column, String why) {
    String columnType =
        column.type == BigQueryType.RECORD ? "a RECORD" : "a " + column.type.sqlName();
    String message =
        "the Avro type "
            + AvroKind.describe(avro)
            + " cannot load into "
            + columnType
            + (column.repeated ? " REPEATED" : "")
            + " column"
            + why;
    return (value, prefix, element) -> {
      throw BigQueryValues.error(column, prefix, element, message);
    };
  }
}
