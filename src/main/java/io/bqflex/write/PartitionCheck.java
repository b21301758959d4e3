package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.io.Serializable;

/**
 * Refuses a converted row whose partitioning column falls outside the partition the output table
 * names. On FILE_LOADS one such row would fail the whole load job; on the Storage Write API, which
 * writes the base table, it would land in another partition. Either way it becomes a dead letter
 * (stage CONVERT) before it reaches BigQueryIO.
 */
public final class PartitionCheck implements Serializable {
  private final String column;
  private final PartitionDecorator partition;
  private final String table;

  /**
   * @param column the partitioning column, spelt as in the schema (rows carry that spelling)
   * @param table the output table as the user named it, for the message
   */
  PartitionCheck(String column, PartitionDecorator partition, String table) {
    this.column = column;
    this.partition = partition;
    this.table = table;
  }

  /**
   * @throws RecordException (CONVERT) naming the column, its value and the partition
   */
  public void check(TableRow row) throws RecordException {
    Object value = row.get(column);
    String canonical = value == null ? null : value.toString();
    if (!partition.holds(canonical)) {
      throw new RecordException(
          Stage.CONVERT,
          "column '"
              + column
              + "' = "
              + (canonical == null ? "NULL" : "'" + canonical + "'")
              + " is outside partition "
              + partition
              + " of "
              + table);
    }
  }
}
