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
}
