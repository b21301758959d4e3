package io.bqflex.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bqflex.core.RecordException;
import io.bqflex.core.SourceRecord;
import io.bqflex.rows.PayloadFormat;

/**
 * A record as the conversion sees it, as one JSON object: what the UDF returned when one ran, else
 * the payload as its format shows it to a UDF. For steps that read a record's fields before (or
 * besides) converting it: new columns, and tables named from records.
 */
final class RecordObjects {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordObjects() {}

  /** The record's JSON object, or null when it is not one (its conversion says why). */
  static JsonNode objectOf(SourceRecord record, PayloadFormat format) {
    try {
      String text = record.udfOutput() != null ? record.udfOutput() : format.toJson(record.text());
      JsonNode json = JSON.readTree(text);
      return json != null && json.isObject() ? json : null;
    } catch (RecordException | JsonProcessingException | RuntimeException e) {
      return null;
    }
  }
}
