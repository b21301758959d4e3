package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * One Avro record schema compiled for {@link TableRowToAvro}: each field's name and encoder, in the
 * schema's order, so that a record is filled by position.
 */
final class AvroRecordPlan {
  final Schema schema;
  private final String[] names;
  private final AvroValueEncoder[] encoders;

  private AvroRecordPlan(Schema schema) {
    this.schema = schema;
    List<Schema.Field> fields = schema.getFields();
    this.names = new String[fields.size()];
    this.encoders = new AvroValueEncoder[fields.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).name();
      encoders[i] = AvroValueEncoders.forField(fields.get(i));
    }
  }

  static AvroRecordPlan compile(Schema recordSchema) {
    if (recordSchema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("not a record schema: " + recordSchema);
    }
    return new AvroRecordPlan(recordSchema);
  }

  /**
   * {@code row} is one of our rows or a nested record of one: a TableRow, whose values our
   * converters keep in its unknown-keys map (TableRow's own {@code get("f")} would answer its cell
   * list), or another map.
   */
  GenericData.Record toRecord(Object row) {
    Map<String, Object> values = valuesOf(row);
    GenericData.Record record = new GenericData.Record(schema);
    for (int i = 0; i < names.length; i++) {
      Object value = values.get(names[i]);
      try {
        record.put(i, encoders[i].encode(value));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "field '" + names[i] + "' of " + schema.getName() + ": " + e.getMessage(), e);
      }
    }
    return record;
  }

  /** The values of a row of ours or of a nested record of one, by field name. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> valuesOf(Object row) {
    return row instanceof TableRow ? ((TableRow) row).getUnknownKeys() : (Map<String, Object>) row;
  }
}
