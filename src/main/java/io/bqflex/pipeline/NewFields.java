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
    JsonNode json;
    try {
      String text = record.udfOutput() != null ? record.udfOutput() : format.toJson(record.text());
      json = JSON.readTree(text);
    } catch (RecordException | JsonProcessingException | RuntimeException e) {
      return new NewColumns();
    }
    return json != null && json.isObject() ? NewColumns.in(json, known) : new NewColumns();
  }
}
