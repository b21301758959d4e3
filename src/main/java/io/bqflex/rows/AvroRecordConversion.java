package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import org.apache.avro.generic.GenericRecord;

/**
 * An Avro record schema compiled against the columns of a table or RECORD: for each Avro field that
 * has a column, its position, the column and the value's conversion. What makes every record of the
 * schema fail (an Avro field the table lacks, a REQUIRED column the record lacks) is found once,
 * when compiling, and thrown for each record, as a dead letter.
 */
final class AvroRecordConversion {
  /** Builds the error of every record, for the element path {@code prefix} (or null). */
  @FunctionalInterface
  interface Problem {
    RecordException at(String prefix);
  }

  private final int[] positions;
  private final FieldPlan[] columns;
  private final AvroValueConversion[] conversions;
  private final Problem problem;

  AvroRecordConversion(
      int[] positions, FieldPlan[] columns, AvroValueConversion[] conversions, Problem problem) {
    this.positions = positions;
    this.columns = columns;
    this.conversions = conversions;
    this.problem = problem;
  }

  TableRow convert(GenericRecord record, String prefix) throws RecordException {
    if (problem != null) {
      throw problem.at(prefix);
    }
    TableRow row = RecordPlan.newRow(columns.length);
    for (int i = 0; i < positions.length; i++) {
      FieldPlan column = columns[i];
      Object value = record.get(positions[i]);
      if (value == null) {
        if (column.required) {
          throw BigQueryValues.error(column, prefix, -1, "is REQUIRED but null");
        }
        continue;
      }
      Object converted = conversions[i].convert(value, prefix, -1);
      if (converted != null) {
        column.putInto(row, converted);
      }
    }
    return row;
  }
}
