package io.bqflex.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.SourceRecord;
import io.bqflex.rows.NewColumns;
import io.bqflex.rows.PayloadFormat;
import java.util.List;

/**
 * The fields a record carries that a schema lacks ({@code autoMapTables}): read from the record's
 * JSON as the conversion sees it, what the UDF returned when one ran, else the payload.
 */
final class NewFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NewFields() {}

  /**
   * The fields of {@code record} that {@code known} lacks; none for a record that is not one JSON
   * object (the conversion dead-letters it with the reason).
   */
  static NewColumns of(SourceRecord record, PayloadFormat format, List<TableFieldSchema> known) {
    return in(objectOf(record, format), known);
  }

  /** The record as the conversion sees it, or null when that is not one JSON object. */
  static JsonNode objectOf(SourceRecord record, PayloadFormat format) {
    try {
      String text = record.udfOutput() != null ? record.udfOutput() : format.toJson(record.text());
      JsonNode json = JSON.readTree(text);
      return json != null && json.isObject() ? json : null;
    } catch (RecordException | JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  /** The fields of {@code object} (null: none) that {@code known} lacks. */
  static NewColumns in(JsonNode object, List<TableFieldSchema> known) {
    return object == null ? new NewColumns() : NewColumns.in(object, known);
  }
}
