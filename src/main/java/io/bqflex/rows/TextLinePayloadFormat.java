package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;

/**
 * Plain text lines, which only a UDF turns into rows: the UDF gets the line itself as its string
 * argument (not a JSON object), and returns the row as JSON text, read by the JSON conversion.
 */
public final class TextLinePayloadFormat implements PayloadFormat {
  private final JsonRowConverter converter;

  public TextLinePayloadFormat(JsonRowConverter converter) {
    this.converter = converter;
  }

  /**
   * Unreachable in the text template, whose UDF is required; should a line get here all the same,
   * it fails on its own rather than being guessed at.
   */
  @Override
  public TableRow toRow(String payload) throws RecordException {
    throw new RecordException(
        Stage.CONVERT,
        "a text line becomes a row only through the UDF: set javascriptTextTransformGcsPath and"
            + " javascriptTextTransformFunctionName.");
  }

  /** The line unchanged: Google's text template hands the UDF the raw line. */
  @Override
  public String toJson(String payload) {
    return payload;
  }

  @Override
  public TableRow jsonToRow(String json) throws RecordException {
    return converter.convert(json);
  }
}
