package io.bqflex.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Converts one CSV record's columns into a TableRow, mapping columns to the schema's top-level
 * fields by position as BigQuery's CSV loader does. A null column (as {@link CsvRecordParser} gives
 * it: the format's null string, or an unquoted empty column under BigQuery's default null marker)
 * is NULL; what an empty column and the null markers mean is {@link CsvLoadOptions}'s to say.
 *
 * <p>Serializable with the same lifecycle as {@link JsonRowConverter}: one instance per DoFn.
 */
public final class CsvRowConverter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = new JsonFactory();

  private final String schemaJson;
  private final CsvLoadOptions options;
  private transient RecordPlan plan;

  /** A converter with BigQuery's default load options. */
  public CsvRowConverter(TableSchema schema) {
    this(schema, CsvLoadOptions.defaults());
  }

  /**
   * @throws IllegalArgumentException naming the field if the schema has a RECORD or REPEATED field,
   *     which a CSV column cannot fill
   */
  public CsvRowConverter(TableSchema schema, CsvLoadOptions options) {
    this.options = options;
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
    TableRow row = plan.newRow();
    for (int i = 0; i < fields.length; i++) {
      FieldPlan field = fields[i];
      Object value = value(field, i < columns.length ? columns[i] : null);
      if (value != null) {
        field.putInto(row, value);
      } else if (field.required) {
        throw BigQueryValues.error(
            field,
            null,
            -1,
            i < columns.length
                ? "is REQUIRED but its column is empty"
                : "is REQUIRED but the record has no column for it");
      }
    }
    return row;
  }

  /** The value of one column; null for NULL. */
  private Object value(FieldPlan field, String column) throws RecordException {
    if (column == null || options.isNullMarker(column)) {
      return null;
    }
    if (column.isEmpty() && field.type != BigQueryType.STRING && field.type != BigQueryType.BYTES) {
      if (options.hasNullMarkers()) {
        throw BigQueryValues.error(
            field,
            null,
            -1,
            "is empty, and with null markers set only STRING and BYTES columns take an empty"
                + " value");
      }
      return null; // a quoted "" under the default null marker: NULL, as for an unquoted one
    }
    return BigQueryValues.fromText(field, column, null, -1);
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
        String column = i < columns.length ? columns[i] : null;
        gen.writeStringField(
            fields[i].name, column == null || options.isNullMarker(column) ? null : column);
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
    int actual = columns.length;
    boolean tooFew = actual < fields.length && !options.allowJaggedRows;
    boolean tooMany = actual > fields.length && !options.ignoreUnknownValues;
    if (tooFew || tooMany) {
      throw new RecordException(
          Stage.PARSE,
          "the record has "
              + actual
              + (actual == 1 ? " column" : " columns")
              + " but the schema has "
              + fields.length
              + " fields; each CSV column maps to one top-level field, in order"
              + (tooFew
                  ? " (allowJaggedRows reads missing trailing columns as NULL)"
                  : " (ignoreUnknownValues drops extra trailing columns)"));
    }
    return fields;
  }
}
