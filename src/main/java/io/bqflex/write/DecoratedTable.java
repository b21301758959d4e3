package io.bqflex.write;

import io.bqflex.core.InvalidParameterException;
import java.io.Serializable;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;

/**
 * A table as the user names it: {@code project:dataset.table} or {@code project.dataset.table},
 * with an optional partition decorator ({@code table$20240101}).
 *
 * @param spec the name as given
 * @param base the name without its decorator
 * @param partition the decorator, or null
 */
public record DecoratedTable(String spec, String base, PartitionDecorator partition)
    implements Serializable {

  /**
   * Splits {@code spec}, the value of launch parameter {@code parameter}, at its {@code $}.
   *
   * @throws InvalidParameterException when the decorator is none of BigQuery's forms
   */
  public static DecoratedTable parse(String parameter, String spec) {
    int dollar = spec.indexOf('$');
    if (dollar < 0) {
      return new DecoratedTable(spec, spec, null);
    }
    try {
      return new DecoratedTable(
          spec, spec.substring(0, dollar), PartitionDecorator.parse(spec.substring(dollar + 1)));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(parameter, e.getMessage() + " in " + spec, e);
    }
  }

  /** {@code spec} without its decorator, if it has one. */
  public static String baseOf(String spec) {
    return BigQueryHelpers.stripPartitionDecorator(spec);
  }

  /**
   * Whether {@code other} names the same table as this one, whatever its spelling and partition.
   */
  boolean sameTableAs(String other) {
    return dotted(base).equals(dotted(baseOf(other)));
  }

  /** {@code project:dataset.table} spelt {@code project.dataset.table}: BigQuery reads both. */
  private static String dotted(String spec) {
    return spec.trim().replace(':', '.');
  }
}
