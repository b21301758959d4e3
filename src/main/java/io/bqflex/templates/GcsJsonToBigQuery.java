package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.read.FileFormat;
import io.bqflex.rows.JsonPayloadFormat;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.write.AutoMapOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.SerializableFunction;

/** Newline-delimited JSON files on Cloud Storage → BigQuery, one object per line. */
public final class GcsJsonToBigQuery implements FileTemplate<GcsJsonToBigQuery.Options> {
  public static final String ID = "gcs-json-to-bigquery";

  /** The template's parameters: see metadata/gcs-json-to-bigquery.json. */
  public interface Options extends FileToBigQueryOptions, AutoMapOptions {}

  public static void main(String[] args) {
    TemplateLauncher.main(new GcsJsonToBigQuery(), args);
  }

  @Override
  public void build(Pipeline pipeline, Options options) {
    JsonRecordFiles.build(
        pipeline, options, FileFormat.jsonLines("UTF-8"), Udfs.specOf(options), formats(options));
  }

  private static SerializableFunction<TableSchema, PayloadFormat> formats(Options options) {
    return JsonRecordFiles.formats(options, JsonPayloadFormat::new);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  /** Building the format checks that it can read rows of {@code schema}. */
  /** JSON records name their fields: routed rows without JSONPath take each table's schema. */
  @Override
  public boolean tablesMayGiveSchemas() {
    return true;
  }

  @Override
  public void checkSchema(Options options, TableSchema schema) {
    formats(options).apply(schema);
  }
}
