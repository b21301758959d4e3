package io.bqflex.rows;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * What one Parquet leaf column holds, read from its physical type and logical type annotation: the
 * one classification that both the schema mapping ({@link ParquetTableSchemas}) and the value
 * conversion ({@link ParquetRowConverter}) follow, so that they cannot disagree. The refusals and
 * our extensions are listed in {@link ParquetTableSchemas}' class comment.
 */
enum ParquetKind {
  INT32_SIGNED,
  INT32_UNSIGNED,
  INT64_SIGNED,
  INT64_UNSIGNED,
  DECIMAL_INT32,
  DECIMAL_INT64,
  DECIMAL_BINARY,
  DATE,
  TIMESTAMP_MILLIS,
  TIMESTAMP_MICROS,
  /** A TIMESTAMP not adjusted to UTC: a local date and time (our extension, DATETIME). */
  DATETIME_MILLIS,
  DATETIME_MICROS,
  /** TIME, milliseconds or microseconds (our extension, TIME). */
  TIME_MILLIS,
  TIME_MICROS,
  INT96,
  FLOAT,
  DOUBLE,
  BOOLEAN,
  /** UTF-8 text: BYTE_ARRAY with STRING (UTF8). */
  STRING,
  /** UTF-8 text annotated ENUM: STRING or BYTES as {@code enumAsString} says. */
  ENUM,
  /** UTF-8 JSON text (our extension, JSON). */
  JSON,
  /** BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY without annotation. */
  BYTES;

  /** True for the kinds whose bytes are UTF-8 text. */
  boolean isText() {
    return this == STRING || this == ENUM || this == JSON;
  }

  boolean isDecimal() {
    return this == DECIMAL_INT32 || this == DECIMAL_INT64 || this == DECIMAL_BINARY;
  }

  /**
   * The kind of {@code column}.
   *
   * @param path the column's dotted path, for the message
   * @throws IllegalArgumentException naming the column when it is of a kind we do not load
   */
  static ParquetKind of(PrimitiveType column, String path) {
    LogicalTypeAnnotation annotation = column.getLogicalTypeAnnotation();
    PrimitiveType.PrimitiveTypeName physical = column.getPrimitiveTypeName();
    if (annotation == null) {
      switch (physical) {
        case INT32:
          return INT32_SIGNED;
        case INT64:
          return INT64_SIGNED;
        case INT96:
          return INT96;
        case FLOAT:
          return FLOAT;
        case DOUBLE:
          return DOUBLE;
        case BOOLEAN:
          return BOOLEAN;
        case BINARY:
        case FIXED_LEN_BYTE_ARRAY:
          return BYTES;
        default:
          throw refused(column, path, "an unknown physical type");
      }
    }
    if (annotation instanceof IntLogicalTypeAnnotation) {
      boolean signed = ((IntLogicalTypeAnnotation) annotation).isSigned();
      if (physical == PrimitiveType.PrimitiveTypeName.INT32) {
        return signed ? INT32_SIGNED : INT32_UNSIGNED;
      }
      if (physical == PrimitiveType.PrimitiveTypeName.INT64) {
        return signed ? INT64_SIGNED : INT64_UNSIGNED;
      }
    } else if (annotation instanceof DecimalLogicalTypeAnnotation) {
      switch (physical) {
        case INT32:
          return DECIMAL_INT32;
        case INT64:
          return DECIMAL_INT64;
        case BINARY:
        case FIXED_LEN_BYTE_ARRAY:
          return DECIMAL_BINARY;
        default:
          break;
      }
    } else if (annotation instanceof DateLogicalTypeAnnotation) {
      if (physical == PrimitiveType.PrimitiveTypeName.INT32) {
        return DATE;
      }
    } else if (annotation instanceof TimestampLogicalTypeAnnotation) {
      TimestampLogicalTypeAnnotation timestamp = (TimestampLogicalTypeAnnotation) annotation;
      if (physical == PrimitiveType.PrimitiveTypeName.INT64) {
        if (timestamp.getUnit() == TimeUnit.NANOS) {
          throw refused(
              column,
              path,
              "a TIMESTAMP in nanoseconds; BigQuery keeps microseconds, so its values would be"
                  + " cut. Write it in MICROS or MILLIS");
        }
        boolean millis = timestamp.getUnit() == TimeUnit.MILLIS;
        if (timestamp.isAdjustedToUTC()) {
          return millis ? TIMESTAMP_MILLIS : TIMESTAMP_MICROS;
        }
        return millis ? DATETIME_MILLIS : DATETIME_MICROS;
      }
    } else if (annotation instanceof TimeLogicalTypeAnnotation) {
      TimeUnit unit = ((TimeLogicalTypeAnnotation) annotation).getUnit();
      if (unit == TimeUnit.MILLIS && physical == PrimitiveType.PrimitiveTypeName.INT32) {
        return TIME_MILLIS;
      }
      if (unit == TimeUnit.MICROS && physical == PrimitiveType.PrimitiveTypeName.INT64) {
        return TIME_MICROS;
      }
      if (unit == TimeUnit.NANOS) {
        throw refused(
            column,
            path,
            "a TIME in nanoseconds; BigQuery keeps microseconds, so its values would be cut."
                + " Write it in MICROS or MILLIS");
      }
    } else if (annotation instanceof StringLogicalTypeAnnotation) {
      if (physical == PrimitiveType.PrimitiveTypeName.BINARY) {
        return STRING;
      }
    } else if (annotation instanceof EnumLogicalTypeAnnotation) {
      if (physical == PrimitiveType.PrimitiveTypeName.BINARY) {
        return ENUM;
      }
    } else if (annotation instanceof JsonLogicalTypeAnnotation) {
      if (physical == PrimitiveType.PrimitiveTypeName.BINARY) {
        return JSON;
      }
    }
    throw refused(
        column,
        path,
        "not of a type BigQuery's Parquet conversion loads. Leave the column out of a"
            + " JSONPath schema and set ignoreUnknownValues, or write it as a type BigQuery loads");
  }

  /** The column's physical type and annotation as Parquet's schema text writes them. */
  static String describe(PrimitiveType column) {
    LogicalTypeAnnotation annotation = column.getLogicalTypeAnnotation();
    String physical = column.getPrimitiveTypeName().name();
    if (column.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
      physical += "(" + column.getTypeLength() + ")";
    }
    return annotation == null ? physical : physical + " " + annotation;
  }

  private static IllegalArgumentException refused(PrimitiveType column, String path, String what) {
    return new IllegalArgumentException(
        "Parquet column '" + path + "' (" + describe(column) + ") is " + what);
  }
}
