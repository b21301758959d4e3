package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;

/**
 * CSV records: columns map to schema fields by position. A UDF sees the record as a JSON object
 * keyed by the schema's field names and returns JSON, which is then converted like a JSON record.
 */
public final class CsvPayloadFormat implements PayloadFormat {
  private final CsvRecordParser parser;
  private final CsvRowConverter columns;
  private final JsonRowConverter udfResults;

  public CsvPayloadFormat(
      CsvRecordParser parser, CsvRowConverter columns, JsonRowConverter udfResults) {
    this.parser = parser;
    this.columns = columns;
    this.udfResults = udfResults;
  }

  @Override
  public TableRow toRow(String payload) throws RecordException {
    return columns.convert(parser.parse(payload));
  }

  @Override
  public String toJson(String payload) throws RecordException {
    return columns.toJsonObject(parser.parse(payload));
  }

  @Override
  public TableRow jsonToRow(String json) throws RecordException {
    return udfResults.convert(json);
  }
}
