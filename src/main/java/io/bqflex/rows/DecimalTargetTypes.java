package io.bqflex.rows;

import io.bqflex.core.InvalidParameterException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BigQuery's {@code decimalTargetTypes} load option: which of NUMERIC, BIGNUMERIC and STRING an
 * Avro or Parquet decimal may become. BigQuery takes the first of NUMERIC, BIGNUMERIC, STRING (in
 * that order, whatever the order given) that is listed and holds the decimal's precision and scale;
 * its default is NUMERIC alone.
 *
 * <p>When no listed type holds the precision and scale, BigQuery's REST reference says "the type
 * supporting the widest range in the specified list is picked, and if a value exceeds the supported
 * range when reading the data, an error will be thrown"
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobConfigurationLoad.FIELDS.decimal_target_types).
 * So {@link #targetFor} never refuses a decimal; the converters refuse, per value, one that does
 * not fit the column, and their message names this option ({@link #hintFor}).
 */
public final class DecimalTargetTypes implements Serializable {
  private static final long serialVersionUID = 1L;

  /** NUMERIC: 38 digits, 9 of them after the point (BigQuery data types page). */
  private static final int NUMERIC_INTEGER_DIGITS = 29;

  /** BIGNUMERIC: 76 full digits, 38 of them after the point. */
  private static final int BIGNUMERIC_INTEGER_DIGITS = 38;

  private static final DecimalTargetTypes DEFAULT = new DecimalTargetTypes(true, false, false);

  private final boolean numeric;
  private final boolean bignumeric;
  private final boolean string;

  private DecimalTargetTypes(boolean numeric, boolean bignumeric, boolean string) {
    this.numeric = numeric;
    this.bignumeric = bignumeric;
    this.string = string;
  }

  /** BigQuery's default for Avro and Parquet: NUMERIC alone. */
  public static DecimalTargetTypes defaults() {
    return DEFAULT;
  }

  /**
   * The option listing {@code types}, each NUMERIC, BIGNUMERIC or STRING.
   *
   * @throws IllegalArgumentException for another type or none
   */
  public static DecimalTargetTypes of(BigQueryType... types) {
    boolean numeric = false;
    boolean bignumeric = false;
    boolean string = false;
    for (BigQueryType type : types) {
      switch (type) {
        case NUMERIC:
          numeric = true;
          break;
        case BIGNUMERIC:
          bignumeric = true;
          break;
        case STRING:
          string = true;
          break;
        default:
          throw new IllegalArgumentException(
              type.sqlName() + " is not a decimal target type (NUMERIC, BIGNUMERIC or STRING)");
      }
    }
    if (!numeric && !bignumeric && !string) {
      throw new IllegalArgumentException("decimalTargetTypes needs at least one type");
    }
    return new DecimalTargetTypes(numeric, bignumeric, string);
  }

  /**
   * The option as the template parameter gives it: a comma-separated list, null or blank for
   * BigQuery's default (NUMERIC). Items are trimmed and read case-insensitively.
   *
   * @throws io.bqflex.core.InvalidParameterException naming {@code parameter} for an unknown type,
   *     an empty item or a type listed twice (BigQuery refuses duplicates)
   */
  public static DecimalTargetTypes parse(String value, String parameter) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    List<BigQueryType> types = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      String name = item.trim().toUpperCase(Locale.ROOT);
      if (name.isEmpty()) {
        throw new InvalidParameterException(
            parameter,
            "'"
                + value
                + "' has an empty item; give a comma-separated list of NUMERIC, BIGNUMERIC and"
                + " STRING");
      }
      BigQueryType type;
      switch (name) {
        case "NUMERIC":
          type = BigQueryType.NUMERIC;
          break;
        case "BIGNUMERIC":
          type = BigQueryType.BIGNUMERIC;
          break;
        case "STRING":
          type = BigQueryType.STRING;
          break;
        default:
          throw new InvalidParameterException(
              parameter,
              "'"
                  + item.trim()
                  + "' is not a decimal target type; give a comma-separated list of NUMERIC,"
                  + " BIGNUMERIC and STRING");
      }
      if (types.contains(type)) {
        throw new InvalidParameterException(
            parameter,
            "'" + value + "' lists " + name + " twice; BigQuery refuses duplicate types");
      }
      types.add(type);
    }
    return of(types.toArray(new BigQueryType[0]));
  }

  /** Whether {@code type} is listed. */
  public boolean contains(BigQueryType type) {
    switch (type) {
      case NUMERIC:
        return numeric;
      case BIGNUMERIC:
        return bignumeric;
      case STRING:
        return string;
      default:
        return false;
    }
  }

  /**
   * Whether {@code type} holds every decimal of this precision and scale: NUMERIC up to 29 digits
   * before the point and 9 after, BIGNUMERIC up to 38 before and 38 after, STRING all.
   */
  public static boolean holds(BigQueryType type, int precision, int scale) {
    int integerDigits = precision - scale;
    switch (type) {
      case NUMERIC:
        return scale <= DecimalLimits.NUMERIC_SCALE && integerDigits <= NUMERIC_INTEGER_DIGITS;
      case BIGNUMERIC:
        return scale <= DecimalLimits.BIGNUMERIC_SCALE
            && integerDigits <= BIGNUMERIC_INTEGER_DIGITS;
      case STRING:
        return true;
      default:
        return false;
    }
  }

  /**
   * The column type a decimal of this precision and scale becomes: the first of NUMERIC,
   * BIGNUMERIC, STRING that is listed and holds it; when none does, the widest listed type (STRING,
   * then BIGNUMERIC, then NUMERIC), whose range each value is then checked against.
   */
  public BigQueryType targetFor(int precision, int scale) {
    for (BigQueryType type : ORDER) {
      if (contains(type) && holds(type, precision, scale)) {
        return type;
      }
    }
    // No listed type holds it; STRING holds everything, so it is not listed either.
    return bignumeric ? BigQueryType.BIGNUMERIC : BigQueryType.NUMERIC;
  }

  /**
   * What to say when a value of a decimal(precision, scale) does not fit its {@code column} type:
   * which listed types would hold the decimal, for the end of an error message; empty when the
   * column's type already holds this precision and scale (then the value itself is out of range).
   */
  public static String hintFor(BigQueryType column, int precision, int scale) {
    if (holds(column, precision, scale)) {
      return "";
    }
    String wider =
        column == BigQueryType.NUMERIC && holds(BigQueryType.BIGNUMERIC, precision, scale)
            ? "BIGNUMERIC or STRING"
            : "STRING";
    return "; the Avro or Parquet decimal("
        + precision
        + ", "
        + scale
        + ") does not fit "
        + column.sqlName()
        + ": add "
        + wider
        + " to decimalTargetTypes (or, with a JSONPath schema, give the column that type)";
  }

  private static final BigQueryType[] ORDER = {
    BigQueryType.NUMERIC, BigQueryType.BIGNUMERIC, BigQueryType.STRING
  };

  /** The listed types in BigQuery's order, comma-separated, as the parameter takes them. */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>(3);
    for (BigQueryType type : ORDER) {
      if (contains(type)) {
        names.add(type.sqlName());
      }
    }
    return String.join(",", names);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DecimalTargetTypes that
        && numeric == that.numeric
        && bignumeric == that.bignumeric
        && string == that.string;
  }

  @Override
  public int hashCode() {
    return (numeric ? 1 : 0) | (bignumeric ? 2 : 0) | (string ? 4 : 0);
  }
}
