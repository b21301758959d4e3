package io.bqflex.rows;

import java.io.Serializable;

/**
 * BigQuery's {@code decimalTargetTypes} load option: which of NUMERIC, BIGNUMERIC and STRING an
 * Avro or Parquet decimal may become. BigQuery takes the first of NUMERIC, BIGNUMERIC, STRING (in
 * that order, whatever the order given) that is listed and holds the decimal's precision and scale;
 * its default is NUMERIC alone.
 */
public final class DecimalTargetTypes implements Serializable {
  private static final long serialVersionUID = 1L;

  // STUB: the avro-types branch writes this class.
  private DecimalTargetTypes() {}

  /**
   * The option as the template parameter gives it: a comma-separated list, null or blank for
   * BigQuery's default (NUMERIC).
   *
   * @throws io.bqflex.core.InvalidParameterException naming {@code parameter} for an unknown type
   */
  public static DecimalTargetTypes parse(String value, String parameter) {
    throw new UnsupportedOperationException("stub");
  }
}
