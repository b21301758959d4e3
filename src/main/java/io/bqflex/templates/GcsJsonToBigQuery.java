package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.read.FileFormat;
import io.bqflex.read.ReadFileRecords;
import io.bqflex.rows.JsonPayloadFormat;
import io.bqflex.rows.JsonRowConverter;
import io.bqflex.rows.PayloadFormat;

/** Newline-delimited JSON files on Cloud Storage → BigQuery, one object per line. */
public final class GcsJsonToBigQuery extends FileToBigQueryTemplate<GcsJsonToBigQuery.Options> {
  public static final String ID = "gcs-json-to-bigquery";

  /** The template's parameters: see metadata/gcs-json-to-bigquery.json. */
  public interface Options extends FileToBigQueryOptions {}

  public static void main(String[] args) {
    TemplateLauncher.main(new GcsJsonToBigQuery(), args);
  }

  public GcsJsonToBigQuery() {
    super(ID, Options.class);
  }

  @Override
  ReadFileRecords reader(Options options) {
    return ReadFileRecords.from(options.getInputFilePattern(), FileFormat.jsonLines("UTF-8"));
  }

  @Override
  PayloadFormat payloadFormat(Options options, TableSchema schema) {
    return new JsonPayloadFormat(
        new JsonRowConverter(schema, Boolean.TRUE.equals(options.getIgnoreUnknownValues())));
  }
}
