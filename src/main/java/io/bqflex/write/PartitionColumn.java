package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.BigQueryType;
import java.util.EnumSet;
import java.util.Set;

/**
 * BigQuery's limits on a time-partitioning column
 * (https://cloud.google.com/bigquery/docs/partitioned-tables#limitations and
 * #date_timestamp_partitioned_tables), checked at launch against the schema: otherwise the first
 * load job or table creation fails once the job runs, or (on Beam's in-process BigQuery, which
 * checks nothing) a local run passes.
 */
final class PartitionColumn {
  private static final Set<BigQueryType> PARTITIONABLE =
      EnumSet.of(BigQueryType.DATE, BigQueryType.DATETIME, BigQueryType.TIMESTAMP);

  private static final String RULE =
      "; BigQuery partitions only by a top-level, non-repeated column of type DATE, DATETIME or"
          + " TIMESTAMP";

  private PartitionColumn() {}

  /**
   * The schema's spelling of {@code field} (column names are case-insensitive in BigQuery).
   *
   * @param type the partitioning granularity (HOUR, DAY, MONTH or YEAR)
   * @throws InvalidParameterException naming timePartitioningField when the field is not a
   *     top-level, non-repeated DATE, DATETIME or TIMESTAMP column, or timePartitioningType when it
   *     asks for HOUR partitions of a DATE column
   */
  static String of(String field, String type, String schemaJson) {
    TableFieldSchema column =
        BigQuerySchemas.parse(schemaJson, "schema").getFields().stream()
            .filter(c -> c.getName().equalsIgnoreCase(field))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        "timePartitioningField",
                        "column '"
                            + field
                            + "' is not a top-level column of the output table's schema"));
    BigQueryType columnType = BigQueryType.fromName(column.getType());
    if ("REPEATED".equals(column.getMode())) {
      throw refused(column, "REPEATED (an array)");
    }
    if (!PARTITIONABLE.contains(columnType)) {
      throw refused(column, columnType == null ? column.getType() : columnType.sqlName());
    }
    if (columnType == BigQueryType.DATE && "HOUR".equals(type)) {
      throw new InvalidParameterException(
          "timePartitioningType",
          "HOUR partitions need a TIMESTAMP or DATETIME column, but column '"
              + column.getName()
              + "' is DATE; use DAY, MONTH or YEAR");
    }
    return column.getName();
  }

  private static InvalidParameterException refused(TableFieldSchema column, String what) {
    return new InvalidParameterException(
        "timePartitioningField", "column '" + column.getName() + "' is " + what + RULE);
  }
}
