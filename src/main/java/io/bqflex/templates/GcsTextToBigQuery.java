package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.read.FileFormat;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.rows.TextLinePayloadFormat;
import io.bqflex.udf.UdfSpec;
import io.bqflex.write.AutoMapOptions;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * Text files on Cloud Storage → BigQuery, the twin of Google's "Text Files on Cloud Storage to
 * BigQuery" Flex template: each line goes, as text, to a required JavaScript UDF that returns the
 * row as JSON.
 */
public final class GcsTextToBigQuery implements FileTemplate<GcsTextToBigQuery.Options> {
  public static final String ID = "gcs-text-to-bigquery";

  /** The template's parameters: see metadata/gcs-text-to-bigquery.json. */
  public interface Options extends FileToBigQueryOptions, AutoMapOptions {
    /** Required here: without a UDF, nothing turns a line of text into a row. */
    @Override
    @Description(
        "JavaScript file (or pattern of files) holding the UDF that turns a line into a row.")
    @Validation.Required
    String getJavascriptTextTransformGcsPath();

    @Override
    void setJavascriptTextTransformGcsPath(String value);

    @Override
    @Description("Name of the JavaScript function to call for each line.")
    @Validation.Required
    String getJavascriptTextTransformFunctionName();

    @Override
    void setJavascriptTextTransformFunctionName(String value);
  }

  public static void main(String[] args) {
    TemplateLauncher.main(new GcsTextToBigQuery(), args);
  }

  @Override
  public void build(Pipeline pipeline, Options options) {
    JsonRecordFiles.build(
        pipeline, options, FileFormat.textLines("UTF-8"), requiredUdf(options), formats(options));
  }

  private static SerializableFunction<TableSchema, PayloadFormat> formats(Options options) {
    return JsonRecordFiles.formats(options, TextLinePayloadFormat::new);
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

  /**
   * The UDF, which this template cannot do without. The launch's parameter check refuses a missing
   * one first; this guards a pipeline built from options that skipped it.
   */
  private static Optional<UdfSpec> requiredUdf(Options options) {
    Optional<UdfSpec> udf = Udfs.specOf(options);
    if (udf.isEmpty()) {
      throw new InvalidParameterException(
          "javascriptTextTransformGcsPath",
          "this template turns each line into a row with a JavaScript UDF: set"
              + " javascriptTextTransformGcsPath to the .js file and"
              + " javascriptTextTransformFunctionName to the function that returns the row as JSON.");
    }
    return udf;
  }
}
