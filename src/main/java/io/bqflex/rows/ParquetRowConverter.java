package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;

/**
 * Parquet rows (as parquet-column's example {@link Group}, which carries its file's schema) → rows
 * of a BigQuery schema, by BigQuery's documented Parquet conversion (see {@link
 * ParquetTableSchemas} for the types, options, extensions and refusals).
 *
 * <p>The BigQuery schema is either the file's own ({@link ParquetTableSchemas#toTableSchema}) or a
 * user's JSONPath file. Against the latter each column is checked as BigQuery does: a value of the
 * column's own type converts (checked against its range, length, scale); a Parquet string into a
 * column of another type is read by the text rules of {@link BigQueryValues}; a Parquet BYTE_ARRAY
 * into a GEOGRAPHY column is read as WKB. Any other pairing, a Parquet column the schema lacks
 * (unless {@code ignoreUnknownValues}), a REQUIRED column the file lacks, and repetition that does
 * not match fail every record of that file, naming the column, its Parquet type and the column's
 * type; a null in a REQUIRED column or in a list fails its record.
 *
 * <p>A REPEATED column with no values is left out of the row (BigQuery loads it as an empty array).
 *
 * <p>A plan is compiled once per Parquet schema (files of one pattern may differ) and kept while
 * the converter lives. Serializable: only the schema's JSON text and the options are serialized.
 * Not thread-safe; one instance per DoFn instance.
 */
public final class ParquetRowConverter implements TypedRowConverter<Group> {
  private static final long serialVersionUID = 1L;

  private final String schemaJson;
  private final ParquetOptions options;
  private final boolean ignoreUnknownValues;

  private transient RecordPlan table;
  private transient Map<GroupType, ParquetGroupPlan> plans;
  private transient GroupType lastType;
  private transient ParquetGroupPlan lastPlan;

  /**
   * @param ignoreUnknownValues skip Parquet columns the schema does not have, as BigQuery's load
   *     option of that name does; otherwise such a column fails every record naming it
   */
  public ParquetRowConverter(
      TableSchema schema, ParquetOptions options, boolean ignoreUnknownValues) {
    this.schemaJson = BigQuerySchemas.toJson(schema);
    this.options = options;
    this.ignoreUnknownValues = ignoreUnknownValues;
    // Normalizing through parse() checks the schema now, at construction, not on the workers.
    this.table = RecordPlan.of(BigQuerySchemas.parse(schemaJson, "schema"));
  }

  @Override
  public TableRow toRow(Group row) throws RecordException {
    ParquetGroupPlan plan = plan(row.getType());
    if (plan.problem != null) {
      throw new RecordException(Stage.CONVERT, plan.problem);
    }
    return plan.convert(row, null);
  }

  private ParquetGroupPlan plan(GroupType type) {
    if (type == lastType) {
      return lastPlan; // records of one file share their schema object
    }
    if (plans == null) {
      plans = new HashMap<>();
      if (table == null) {
        table = RecordPlan.of(BigQuerySchemas.parse(schemaJson, "schema"));
      }
    }
    ParquetGroupPlan plan = plans.get(type);
    if (plan == null) {
      plan = ParquetGroupPlan.compile(type, table, options, ignoreUnknownValues);
      plans.put(type, plan);
    }
    lastType = type;
    lastPlan = plan;
    return plan;
  }
}
