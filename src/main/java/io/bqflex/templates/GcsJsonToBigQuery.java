package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.pipeline.ApplyUdf;
import io.bqflex.pipeline.ConvertRecords;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.read.FileFormat;
import io.bqflex.read.ReadFileRecords;
import io.bqflex.rows.JsonPayloadFormat;
import io.bqflex.rows.JsonRowConverter;
import io.bqflex.write.OutputTable;
import io.bqflex.write.WriteWithDeadLetters;
import org.apache.beam.sdk.Pipeline;

/** Newline-delimited JSON files on Cloud Storage → BigQuery, one object per line. */
public final class GcsJsonToBigQuery implements FileTemplate<GcsJsonToBigQuery.Options> {
  public static final String ID = "gcs-json-to-bigquery";

  /** The template's parameters: see metadata/gcs-json-to-bigquery.json. */
  public interface Options extends FileToBigQueryOptions {}

  public static void main(String[] args) {
    TemplateLauncher.main(new GcsJsonToBigQuery(), args);
  }

  @Override
  public void build(Pipeline pipeline, Options options) {
    OutputTable output = OutputTable.resolve(options, "outputTable", options.getOutputTable());
    JsonPayloadFormat lines = payloadFormat(options, output.schema());
    ReadFileRecords read =
        ReadFileRecords.from(options.getInputFilePattern(), FileFormat.jsonLines("UTF-8"));
    pipeline
        .apply("ReadFiles", read)
        .apply("ApplyUdf", ApplyUdf.of(Udfs.specOf(options), lines))
        .apply("ConvertRecords", ConvertRecords.with(lines).enrichedBy(WriterRowChecks.of(output)))
        .apply(
            "WriteToBigQuery",
            new WriteWithDeadLetters(output.settings())
                .rereadingRefusedRecordsWith(read.rereader()));
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
  @Override
  public void checkSchema(Options options, TableSchema schema) {
    payloadFormat(options, schema);
  }

  /** How the template's records become rows of {@code schema}. */
  public JsonPayloadFormat payloadFormat(Options options, TableSchema schema) {
    return new JsonPayloadFormat(
        new JsonRowConverter(schema, Boolean.TRUE.equals(options.getIgnoreUnknownValues())));
  }
}
