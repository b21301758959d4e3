package io.bqflex.write;

import com.google.api.services.bigquery.model.TableCell;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.rows.BigQuerySchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * Rows in the cell form of {@code tabledata.list} ({@code {"f": [{"v": value}, ...]}}, one cell per
 * schema field in order), the only form a {@link TableRow} can take when a column is named {@code
 * f}: Beam 2.73 rebuilds rows of such tables that way (a row BigQuery refused, the rows of its
 * in-process fake), and Beam's own coder can only read such a row back in that form.
 */
public final class CellFormRows {
  private CellFormRows() {}

  /**
   * {@code row} with its column names, or null when it is not in the cell form. Beam builds the
   * whole row in that form, so records inside it are cell lists too.
   */
  public static Map<String, Object> named(Map<?, ?> row, List<TableFieldSchema> fields) {
    // Only TableRow's declared field answers "f" with a list; a column f sits in the unknown keys.
    if (!(row instanceof TableRow) || !(row.get("f") instanceof List<?> cells)) {
      return null;
    }
    return isCellList(cells, fields) ? fromCells(cells, fields) : null;
  }

  /** True when a top-level column is named {@code f}: only then must a TableRow be cells. */
  static boolean needed(List<TableFieldSchema> fields) {
    return fields.stream().anyMatch(field -> field.getName().equals("f"));
  }

  private static boolean isCellList(List<?> cells, List<TableFieldSchema> fields) {
    if (cells.size() > fields.size()) {
      return false;
    }
    for (Object cell : cells) {
      if (!(cell instanceof Map<?, ?> map)
          || map.size() > 1
          || map.size() == 1 && !map.containsKey("v")) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> fromCells(List<?> cells, List<TableFieldSchema> fields) {
    Map<String, Object> named = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      Object value = ((Map<?, ?>) cells.get(i)).get("v");
      if (value != null) {
        TableFieldSchema field = fields.get(i);
        named.put(field.getName(), field.getFields() == null ? value : record(value, field));
      }
    }
    return named;
  }

  private static Object record(Object value, TableFieldSchema field) {
    if (value instanceof List<?> items) {
      List<Object> named = new ArrayList<>();
      items.forEach(item -> named.add(record(item, field)));
      return named;
    }
    if (value instanceof Map<?, ?> map
        && map.get("f") instanceof List<?> cells
        && isCellList(cells, field.getFields())) {
      return fromCells(cells, field.getFields());
    }
    return value;
  }

  /**
   * Turns a converted row (named columns, one of them {@code f}) into the cell form, so that Beam
   * can carry it as the "failsafe" copy of a row BigQuery refuses, through its coder and back.
   */
  static final class ToCells implements SerializableFunction<TableRow, TableRow> {
    private final String schemaJson;
    private transient List<TableFieldSchema> fields;

    ToCells(String schemaJson) {
      this.schemaJson = schemaJson;
    }

    @Override
    public TableRow apply(TableRow row) {
      if (fields == null) {
        fields = BigQuerySchemas.parse(schemaJson, "output schema").getFields();
      }
      List<TableCell> cells = new ArrayList<>(fields.size());
      for (TableFieldSchema field : fields) {
        cells.add(new TableCell().setV(row.getUnknownKeys().get(field.getName())));
      }
      return new TableRow().setF(cells);
    }
  }
}
