package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableFieldSchema;
import java.util.ArrayList;
import java.util.List;

/** A schema as one line per column, "name TYPE MODE (its fields...)", for assertions. */
public final class SchemaLines {
  private SchemaLines() {}

  public static List<String> of(List<TableFieldSchema> fields) {
    List<String> lines = new ArrayList<>();
    for (TableFieldSchema field : fields) {
      String mode = field.getMode() == null ? "NULLABLE" : field.getMode();
      String nested =
          field.getFields() == null ? "" : " (" + String.join(", ", of(field.getFields())) + ")";
      lines.add(field.getName() + " " + field.getType() + " " + mode + nested);
    }
    return lines;
  }
}
