package io.bqflex.write;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The partition a table name's {@code $} suffix names, and which column values belong to it.
 *
 * <p>BigQuery's decorator forms
 * (https://cloud.google.com/bigquery/docs/managing-partitioned-table-data,
 * https://cloud.google.com/bigquery/docs/creating-partitioned-tables): {@code $YYYY} (yearly),
 * {@code $YYYYMM} (monthly), {@code $YYYYMMDD} (daily), {@code $YYYYMMDDHH} (hourly) and {@code
 * $__UNPARTITIONED__}, which on a column-partitioned table holds the rows whose value is before
 * 1960-01-01 or after 2159-12-31 (https://cloud.google.com/bigquery/docs/partitioned-tables).
 */
public final class PartitionDecorator implements Serializable {
  /** The decorator of the partition that holds values outside the partitionable range. */
  public static final String UNPARTITIONED = "__UNPARTITIONED__";

  private static final String FORMS = "$YYYY, $YYYYMM, $YYYYMMDD, $YYYYMMDDHH or $" + UNPARTITIONED;

  /** The first value after, and the first value of, the range a column partition can hold. */
  private static final String PARTITIONED_FROM = "1960-01-01";

  private static final String PARTITIONED_UNTIL = "2160-01-01";

  private final String suffix;
  private final String type;

  /** The canonical text every value of the partition starts with: {@code yyyy[-MM[-dd]]}. */
  private final String datePrefix;

  /** For an hourly partition, the two digits of its hour; otherwise null. */
  private final String hour;

  private PartitionDecorator(String suffix, String type, String datePrefix, String hour) {
    this.suffix = suffix;
    this.type = type;
    this.datePrefix = datePrefix;
    this.hour = hour;
  }

  /**
   * The decorator {@code suffix} (the text after {@code $}).
   *
   * @throws IllegalArgumentException when it is none of BigQuery's forms or names no real date
   */
  public static PartitionDecorator parse(String suffix) {
    if (UNPARTITIONED.equals(suffix)) {
      return new PartitionDecorator(suffix, null, null, null);
    }
    String type =
        switch (suffix.length()) {
          case 4 -> "YEAR";
          case 6 -> "MONTH";
          case 8 -> "DAY";
          case 10 -> "HOUR";
          default -> null;
        };
    if (type == null || !suffix.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "'$" + suffix + "' is not a partition decorator (" + FORMS + ")");
    }
    int year = Integer.parseInt(suffix.substring(0, 4));
    int month = suffix.length() >= 6 ? Integer.parseInt(suffix.substring(4, 6)) : 1;
    int day = suffix.length() >= 8 ? Integer.parseInt(suffix.substring(6, 8)) : 1;
    int hourOfDay = suffix.length() == 10 ? Integer.parseInt(suffix.substring(8, 10)) : 0;
    try {
      LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'$" + suffix + "' names no real date", e);
    }
    if (year < 1 || hourOfDay > 23) {
      throw new IllegalArgumentException("'$" + suffix + "' names no real date and hour");
    }
    StringBuilder prefix = new StringBuilder(suffix.substring(0, 4));
    if (suffix.length() >= 6) {
      prefix.append('-').append(suffix, 4, 6);
    }
    if (suffix.length() >= 8) {
      prefix.append('-').append(suffix, 6, 8);
    }
    return new PartitionDecorator(
        suffix, type, prefix.toString(), suffix.length() == 10 ? suffix.substring(8) : null);
  }

  /** The decorator as written, without {@code $}. */
  public String suffix() {
    return suffix;
  }

  /** The partitioning granularity it names (YEAR, MONTH, DAY, HOUR); null for UNPARTITIONED. */
  public String type() {
    return type;
  }

  /**
   * Whether a row whose partitioning column holds {@code canonical} belongs to this partition.
   * {@code canonical} is the converters' form of a DATE ({@code yyyy-MM-dd}), DATETIME ({@code
   * yyyy-MM-ddTHH:...}) or TIMESTAMP (the same, in UTC, as BigQuery partitions TIMESTAMP columns);
   * null (the {@code __NULL__} partition) belongs to none. A prefix comparison, no parsing: it runs
   * for every row.
   */
  public boolean holds(String canonical) {
    if (canonical == null) {
      return false;
    }
    if (type == null) {
      return outsideRange(canonical);
    }
    return canonical.startsWith(datePrefix)
        && (hour == null || (canonical.length() >= 13 && canonical.startsWith(hour, 11)));
  }

  /**
   * Whether the canonical DATE, DATETIME or TIMESTAMP text {@code canonical} is outside the range a
   * column partition can hold: the values of {@code __UNPARTITIONED__}.
   */
  static boolean outsideRange(String canonical) {
    return canonical.compareTo(PARTITIONED_FROM) < 0 || canonical.compareTo(PARTITIONED_UNTIL) >= 0;
  }

  @Override
  public String toString() {
    return "$" + suffix;
  }
}
