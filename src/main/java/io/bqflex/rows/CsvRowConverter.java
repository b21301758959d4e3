package io.bqflex.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Converts one CSV record's columns into a TableRow, mapping columns to the schema's top-level
 * fields by position as BigQuery's CSV loader does. An empty column is NULL (BigQuery's default
 * null marker is the empty string).
 *
 * <p>Serializable with the same lifecycle as {@link JsonRowConverter}: one instance per DoFn.
 */
public final class CsvRowConverter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = new JsonFactory();

  private final String schemaJson;
  private transient RecordPlan plan;

  /**
   * @throws IllegalArgumentException naming the field if the schema has a RECORD or REPEATED field,
   *     which a CSV column cannot fill
   */
  public CsvRowConverter(TableSchema schema) {
    TableSchema normalized = BigQuerySchemas.parse(BigQuerySchemas.toJson(schema), "schema");
    for (TableFieldSchema field : normalized.getFields()) {
      if ("RECORD".equals(field.getType()) || "REPEATED".equals(field.getMode())) {
        throw new IllegalArgumentException(
            "schema: field '"
                + field.getName()
                + "' is "
                + ("RECORD".equals(field.getType()) ? "a RECORD" : "REPEATED")
                + ", which BigQuery's CSV loader cannot fill; use a flat schema for CSV input,"
                + " or read the files as JSON");
      }
    }
    this.schemaJson = BigQuerySchemas.toJson(normalized);
    this.plan = RecordPlan.of(normalized);
  }

  /**
   * The row for one CSV record.
   *
   * @throws RecordException {@link Stage#PARSE} if the column count differs from the schema's field
   *     count, {@link Stage#CONVERT} if a value does not fit its field
   */
  public TableRow convert(String[] columns) throws RecordException {
    FieldPlan[] fields = checkedFields(columns);
    TableRow row = new TableRow();
    for (int i = 0; i < fields.length; i++) {
      FieldPlan field = fields[i];
      String column = columns[i];
      if (column == null || column.isEmpty()) {
        if (field.required) {
          throw BigQueryValues.error(field, null, -1, "is REQUIRED but its column is empty");
        }
        continue;
      }
      field.putInto(row, BigQueryValues.fromText(field, column, null, -1));
    }
    return row;
  }

  /**
   * The record as a JSON object of field name to column text (null for an empty column): what a UDF
   * receives for a CSV record.
   *
   * @throws RecordException {@link Stage#PARSE} if the column count differs from the schema's
   */
  public String toJsonObject(String[] columns) throws RecordException {
    FieldPlan[] fields = checkedFields(columns);
    StringWriter out = new StringWriter(64 + columns.length * 16);
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      gen.writeStartObject();
      for (int i = 0; i < fields.length; i++) {
        String column = columns[i];
        gen.writeStringField(fields[i].name, column == null || column.isEmpty() ? null : column);
      }
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private FieldPlan[] checkedFields(String[] columns) throws RecordException {
    if (plan == null) {
      plan = RecordPlan.of(BigQuerySchemas.parse(schemaJson, "schema"));
    }
    FieldPlan[] fields = plan.fields;
    int actual = columns == null ? 0 : columns.length;
    if (actual != fields.length) {
      throw new RecordException(
          Stage.PARSE,
          "the record has "
              + actual
              + (actual == 1 ? " column" : " columns")
              + " but the schema has "
              + fields.length
              + " fields; each CSV column maps to one top-level field, in order");
    }
    return fields;
  }
}
