package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.CsvFormats;
import io.bqflex.rows.CsvPayloadFormat;
import io.bqflex.rows.CsvRecordParser;
import io.bqflex.rows.CsvRowConverter;
import io.bqflex.rows.JsonPayloadFormat;
import io.bqflex.rows.JsonRowConverter;
import io.bqflex.rows.PayloadFormat;

/**
 * The payload formats as GcsJsonToBigQuery and GcsCsvToBigQuery build them with their default
 * parameters (csvFormat Default, no delimiter, ignoreUnknownValues false).
 */
final class TemplateFormats {
  private TemplateFormats() {}

  static PayloadFormat json(TableSchema schema) {
    return new JsonPayloadFormat(new JsonRowConverter(schema, false));
  }

  static PayloadFormat csv(TableSchema schema) {
    return new CsvPayloadFormat(
        new CsvRecordParser(CsvFormats.named("Default", null)),
        new CsvRowConverter(schema),
        new JsonRowConverter(schema, false));
  }
}
