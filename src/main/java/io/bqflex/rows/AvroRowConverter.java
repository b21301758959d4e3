package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro records → rows of a BigQuery schema, by BigQuery's documented Avro conversion
 * (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro#avro_conversions), values
 * in the canonical forms of {@link BigQueryValues}: decimals exact from their unscaled bytes,
 * timestamps to the microsecond, dates from days since the epoch, bytes as base64, enums as their
 * symbol, records as nested rows, arrays as lists, maps as lists of key/value rows.
 *
 * <p>The schema is the files' own ({@link AvroTableSchemas}), where every record fits but for
 * values past BigQuery's limits (a date past 9999, a decimal past its column's range, a string that
 * is not UTF-8), or a user's {@code JSONPath} file, which each record is checked against: see
 * {@link AvroConversions} for which Avro type goes into which column.
 *
 * <p>Each record's own schema ({@link GenericRecord#getSchema()}) decides its fields' types; the
 * conversion is compiled once per schema and kept (the records of one file share theirs).
 * Serializable: only the table schema's JSON is serialized, the rest is compiled again on first
 * use. Not thread-safe; one instance per DoFn instance.
 */
public final class AvroRowConverter implements TypedRowConverter<GenericRecord> {
  private static final long serialVersionUID = 1L;

  /** Compiled conversions kept at once; a pipeline reading many schemas recompiles past this. */
  private static final int MAX_SCHEMAS = 64;

  private final String schemaJson;
  private final DecimalTargetTypes decimals;
  private final boolean ignoreUnknownValues;

  private transient RecordPlan table;
  private transient AvroConversions compiler;
  private transient Map<Schema, AvroRecordConversion> bySchema;
  private transient Schema lastSchema;
  private transient AvroRecordConversion lastConversion;

  /**
   * @param schema the table schema: derived from the files' Avro schema, or a {@code JSONPath} file
   * @param decimals the types Avro decimals load as, which decide the columns they may fill
   * @param ignoreUnknownValues whether Avro fields the schema lacks are dropped rather than refused
   */
  public AvroRowConverter(
      TableSchema schema, DecimalTargetTypes decimals, boolean ignoreUnknownValues) {
    this.schemaJson = BigQuerySchemas.toJson(schema);
    this.decimals = decimals;
    this.ignoreUnknownValues = ignoreUnknownValues;
    // Normalizing through parse() checks the schema now, at construction, not on the workers.
    this.table = RecordPlan.of(BigQuerySchemas.parse(schemaJson, "schema"));
  }

  /**
   * @throws RecordException {@link io.bqflex.core.Stage#CONVERT} naming the column, when the record
   *     does not fit the schema or a value is past BigQuery's limits
   */
  @Override
  public TableRow toRow(GenericRecord record) throws RecordException {
    Schema schema = record.getSchema();
    if (schema != lastSchema) {
      lastConversion = conversionOf(schema);
      lastSchema = schema;
    }
    return lastConversion.convert(record, null);
  }

  private AvroRecordConversion conversionOf(Schema schema) {
    if (bySchema == null) {
      if (table == null) {
        table = RecordPlan.of(BigQuerySchemas.parse(schemaJson, "schema"));
      }
      compiler = new AvroConversions(decimals, ignoreUnknownValues);
      bySchema = new HashMap<>();
    }
    AvroRecordConversion conversion = bySchema.get(schema);
    if (conversion == null) {
      if (bySchema.size() >= MAX_SCHEMAS) {
        bySchema.clear();
      }
      conversion = compiler.record(schema, table, "");
      bySchema.put(schema, conversion);
    }
    return conversion;
  }
}
