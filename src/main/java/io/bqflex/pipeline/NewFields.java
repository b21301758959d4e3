package io.bqflex.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableFieldSchema;
import io.bqflex.core.SourceRecord;
import io.bqflex.rows.NewColumns;
import io.bqflex.rows.PayloadFormat;
import java.util.List;

/**
 * The fields a record carries that a schema lacks ({@code autoMapTables}): read from the record's
 * JSON as the conversion sees it, what the UDF returned when one ran, else the payload.
 */
final class NewFields {
  private NewFields() {}

  /**
   * The fields of {@code record} that {@code known} lacks; none for a record that is not one JSON
   * object (the conversion dead-letters it with the reason).
   */
  static NewColumns of(SourceRecord record, PayloadFormat format, List<TableFieldSchema> known) {
    return in(RecordObjects.objectOf(record, format), known);
  }

  /** The fields of {@code object} (null: none) that {@code known} lacks. */
  static NewColumns in(JsonNode object, List<TableFieldSchema> known) {
    return object == null ? new NewColumns() : NewColumns.in(object, known);
  }
}
