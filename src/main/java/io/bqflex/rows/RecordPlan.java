package io.bqflex.rows;

import com.google.api.client.util.ArrayMap;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The compiled fields of a table or of one RECORD, with lookup by name. */
final class RecordPlan {
  final FieldPlan[] fields;
  final int[] requiredIndexes;
  private final Map<String, FieldPlan> byName;
  private final Map<String, FieldPlan> byLowerCaseName;

  RecordPlan(List<TableFieldSchema> schemaFields, String parentPath) {
    fields = new FieldPlan[schemaFields.size()];
    byName = new HashMap<>(fields.length * 2);
    byLowerCaseName = new HashMap<>(fields.length * 2);
    int required = 0;
    for (int i = 0; i < fields.length; i++) {
      FieldPlan field = new FieldPlan(schemaFields.get(i), parentPath, i);
      fields[i] = field;
      byName.put(field.name, field);
      byLowerCaseName.put(field.name.toLowerCase(Locale.ROOT), field);
      if (field.required) {
        required++;
      }
    }
    requiredIndexes = new int[required];
    for (int i = 0, r = 0; i < fields.length; i++) {
      if (fields[i].required) {
        requiredIndexes[r++] = i;
      }
    }
  }

  /** Compiles a schema that went through {@link BigQuerySchemas#parse}. */
  static RecordPlan of(TableSchema schema) {
    return new RecordPlan(schema.getFields(), "");
  }

  /** An empty row of this record with room for all its fields ({@link FieldPlan#putInto}). */
  TableRow newRow() {
    return newRow(fields.length);
  }

  /** An empty row with room for {@code fieldCount} fields ({@link FieldPlan#putInto}). */
  static TableRow newRow(int fieldCount) {
    TableRow row = new TableRow();
    row.setUnknownKeys(ArrayMap.create(fieldCount));
    return row;
  }

  /**
   * The field called {@code key}. BigQuery column names are case-insensitive, so an exact match is
   * tried first (the common case, no allocation) and then a case-insensitive one.
   */
  FieldPlan find(String key) {
    FieldPlan field = byName.get(key);
    return field != null ? field : byLowerCaseName.get(key.toLowerCase(Locale.ROOT));
  }
}
