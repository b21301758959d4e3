package io.bqflex.write;

import io.bqflex.core.InvalidParameterException;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;

/**
 * What a partition decorator on the output table asks of the other parameters, checked at launch,
 * and the per-row check it needs.
 *
 * <p>FILE_LOADS hands the decorated name to the load job, which writes (or with WRITE_TRUNCATE
 * replaces) that partition only. BigQuery accepts decorators on the Storage Write API only on the
 * default stream, and Beam 2.73 strips them there: so the Storage Write API writes the base table,
 * which is right only when the rows themselves say their partition, through the partitioning
 * column.
 */
final class DecoratorRules {
  private DecoratorRules() {}

  /**
   * The check that keeps rows outside the decorated partition from BigQueryIO, or null when there
   * is no decorator or no column to check (ingestion-time or unknown partitioning: on FILE_LOADS
   * BigQuery itself then decides which rows the partition takes).
   *
   * @param tableParameter the template's name for its output-table parameter
   * @param partitioningField the partitioning column as the schema spells it (see {@link
   *     PartitionColumn}), or null
   * @throws InvalidParameterException when the combination cannot write the partition as named
   */
  static PartitionCheck checkFor(
      String tableParameter,
      DecoratedTable table,
      String partitioningField,
      String partitioningType,
      boolean storageWriteApi,
      WriteDisposition writeDisposition) {
    PartitionDecorator partition = table.partition();
    if (partition == null) {
      return null;
    }
    if (storageWriteApi && partitioningField == null) {
      throw new InvalidParameterException(
          tableParameter,
          "partition decorators need FILE_LOADS: the Storage Write API writes the base table, so"
              + " "
              + partition
              + " works there only for a column-partitioned table (give timePartitioningField)");
    }
    if (storageWriteApi && writeDisposition == WriteDisposition.WRITE_TRUNCATE) {
      throw new InvalidParameterException(
          "writeDisposition",
          "WRITE_TRUNCATE of partition "
              + partition
              + " needs FILE_LOADS: the Storage Write API writes the base table and would replace"
              + " all of it");
    }
    if (partitioningField == null) {
      return null;
    }
    if (partition.type() != null && !partition.type().equals(partitioningType)) {
      throw new InvalidParameterException(
          tableParameter,
          partition
              + " names a "
              + partition.type()
              + " partition but timePartitioningType is "
              + partitioningType);
    }
    return new PartitionCheck(partitioningField, partition, table.spec());
  }

  /**
   * Refuses what cannot write the partitions an {@code outputTableNameTemplate} names from each row
   * ({@code requests${ts:yyyyMMdd}}): as a decorator on the output table, it needs FILE_LOADS; and
   * since BigQuery refuses a load into a column-partitioned table's partition that holds values of
   * other partitions (https://cloud.google.com/bigquery/docs/load-data-partitioned-tables), it must
   * name partitions by the partitioning column, at its granularity. A row's partition then always
   * holds it, and needs no check of its own.
   *
   * @param partitioningField the partitioning column as the schema spells it, or null
   * @throws InvalidParameterException naming the parameter to change
   */
  static void checkRouted(
      RowRouting routing,
      boolean storageWriteApi,
      String partitioningField,
      String partitioningType) {
    if (!routing.decoratesPartitions()) {
      return;
    }
    NameTemplate names = routing.names();
    String column = names.decoratorColumn();
    String template = "'" + names.text() + "' names partitions";
    if (routing.tablesGiveSchemas()) {
      throw new InvalidParameterException(
          names.parameter(),
          template
              + ", which needs JSONPath and timePartitioningField: without them each table keeps its"
              + " own schema and partitioning, which the launch does not know");
    }
    if (storageWriteApi) {
      throw new InvalidParameterException(
          names.parameter(),
          template
              + ", which needs FILE_LOADS: the Storage Write API writes the base table, where the"
              + " partitioning column places each row by itself; leave out the '$' part");
    }
    if (partitioningField == null) {
      throw new InvalidParameterException(
          names.parameter(),
          template
              + " by column "
              + column
              + ", which needs timePartitioningField="
              + column
              + ": its tables are partitioned by that column, and each load holds one partition's"
              + " values");
    }
    if (!partitioningField.equalsIgnoreCase(column)) {
      throw new InvalidParameterException(
          names.parameter(),
          template
              + " by column "
              + column
              + ", but the tables are partitioned by "
              + partitioningField
              + " (timePartitioningField), and BigQuery refuses a load into a partition of rows"
              + " that belong to others; name the partitions by "
              + partitioningField);
    }
    if (!names.decoratorType().equals(partitioningType)) {
      throw new InvalidParameterException(
          names.parameter(),
          template
              + " of type "
              + names.decoratorType()
              + ", but timePartitioningType is "
              + partitioningType
              + "; give a pattern of that type (yyyy YEAR, yyyyMM MONTH, yyyyMMdd DAY, yyyyMMddHH"
              + " HOUR)");
    }
  }
}
