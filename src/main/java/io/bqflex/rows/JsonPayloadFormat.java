package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;

/** Newline-delimited JSON and Pub/Sub JSON messages: each payload is one JSON object. */
public final class JsonPayloadFormat implements PayloadFormat {
  private final JsonRowConverter converter;

  public JsonPayloadFormat(JsonRowConverter converter) {
    this.converter = converter;
  }

  @Override
  public TableRow toRow(String payload) throws RecordException {
    return converter.convert(payload);
  }

  /** The UDF gets the payload unchanged, as Google's templates hand it over. */
  @Override
  public String toJson(String payload) {
    return payload;
  }

  @Override
  public TableRow jsonToRow(String json) throws RecordException {
    return converter.convert(json);
  }
}
