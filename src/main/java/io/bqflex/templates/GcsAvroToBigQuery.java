package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.read.AvroFileSchema;
import io.bqflex.read.AvroFiles;
import io.bqflex.read.ReadTypedFiles;
import io.bqflex.rows.AvroRowConverter;
import io.bqflex.rows.DecimalTargetTypes;
import io.bqflex.write.OutputTable;
import io.bqflex.write.WriteWithDeadLetters;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Avro object container files on Cloud Storage → BigQuery. Records go from the file to the row as
 * typed values, converted by BigQuery's Avro rules; without {@code JSONPath} the table's schema is
 * the alphabetically last file's, as a load job takes it. No UDF: a UDF sees text, and Avro's types
 * (bytes, decimals, timestamps) would not survive the trip (see notes.md).
 */
public final class GcsAvroToBigQuery implements FileTemplate<GcsAvroToBigQuery.Options> {
  public static final String ID = "gcs-avro-to-bigquery";

  /** The template's parameters: see metadata/gcs-avro-to-bigquery.json. */
  public interface Options extends FilesToTableOptions, DecimalTargetTypesOptions {}

  public static void main(String[] args) {
    TemplateLauncher.main(new GcsAvroToBigQuery(), args);
  }

  @Override
  public void build(Pipeline pipeline, Options options) {
    AvroFileSchema files = dataSchema(options);
    OutputTable output =
        OutputTable.resolve(options, "outputTable", options.getOutputTable(), files);
    pipeline
        .apply(
            "ReadFiles",
            ReadTypedFiles.from(
                    options.getInputFilePattern(),
                    avroFiles(options, files),
                    converter(options, output.schema()))
                .checkedBy(WriterRowChecks.rowChecksOf(output)))
        .apply("WriteToBigQuery", WriteWithDeadLetters.ofTypedFileRows(output.settings()));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  /** The writer schema of the alphabetically last matched file, when JSONPath is not given. */
  @Override
  public AvroFileSchema dataSchema(Options options) {
    // gs:// patterns resolve only once Beam's file systems know the options.
    FileSystems.setDefaultPipelineOptions(options);
    return new AvroFileSchema(
        options.getInputFilePattern(), "inputFilePattern", options.getDecimalTargetTypes());
  }

  /** Building the converter checks that it can write rows of {@code schema}. */
  @Override
  public void checkSchema(Options options, TableSchema schema) {
    converter(options, schema);
  }

  /**
   * Without JSONPath every file is read into the last file's schema, which the table has; with it,
   * records are read as written and the converter matches them to the given schema by name.
   */
  private static AvroFiles avroFiles(Options options, AvroFileSchema files) {
    if (givesSchemaFile(options)) {
      return AvroFiles.asWritten();
    }
    AvroFileSchema.WriterSchema last = files.lastFile();
    return AvroFiles.resolvedTo(last.schema(), last.file());
  }

  private static AvroRowConverter converter(Options options, TableSchema schema) {
    return new AvroRowConverter(
        schema,
        DecimalTargetTypes.parse(options.getDecimalTargetTypes(), "decimalTargetTypes"),
        Boolean.TRUE.equals(options.getIgnoreUnknownValues()));
  }

  private static boolean givesSchemaFile(Options options) {
    String path = options.getJSONPath();
    return path != null && !path.isBlank();
  }
}
