package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.read.ParquetDataSchema;
import io.bqflex.read.ParquetFiles;
import io.bqflex.read.ReadTypedFiles;
import io.bqflex.rows.DataSchema;
import io.bqflex.rows.DecimalTargetTypes;
import io.bqflex.rows.ParquetOptions;
import io.bqflex.rows.ParquetRowConverter;
import io.bqflex.write.OutputTable;
import io.bqflex.write.WriteWithDeadLetters;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Parquet files on Cloud Storage → BigQuery, each row read as a typed value and converted as
 * BigQuery's Parquet load converts it. No UDF: it would see each row as text, which Parquet rows
 * are not (see the template's notes.md).
 */
public final class GcsParquetToBigQuery implements FileTemplate<GcsParquetToBigQuery.Options> {
  public static final String ID = "gcs-parquet-to-bigquery";

  /** The template's parameters: see metadata/gcs-parquet-to-bigquery.json. */
  public interface Options extends FilesToTableOptions, DecimalTargetTypesOptions {

    @Description(
        "Infer LIST logical types as BigQuery arrays of their elements (BigQuery's option).")
    @Default.Boolean(false)
    Boolean getEnableListInference();

    void setEnableListInference(Boolean value);

    @Description("Load Parquet ENUM columns as STRING rather than BYTES (BigQuery's option).")
    @Default.Boolean(false)
    Boolean getEnumAsString();

    void setEnumAsString(Boolean value);
  }

  public static void main(String[] args) {
    TemplateLauncher.main(new GcsParquetToBigQuery(), args);
  }

  @Override
  public void build(Pipeline pipeline, Options options) {
    OutputTable output =
        OutputTable.resolve(options, "outputTable", options.getOutputTable(), dataSchema(options));
    pipeline
        .apply(
            "ReadFiles",
            ReadTypedFiles.from(
                    options.getInputFilePattern(),
                    new ParquetFiles(),
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

  /** The footer schema of the alphabetically last matched file, as a load job takes it. */
  @Override
  public DataSchema dataSchema(Options options) {
    return new ParquetDataSchema(
        options.getInputFilePattern(), "inputFilePattern", parquetOptions(options));
  }

  /** Building the converter checks that it can write rows of {@code schema}. */
  @Override
  public void checkSchema(Options options, TableSchema schema) {
    converter(options, schema);
  }

  private static ParquetRowConverter converter(Options options, TableSchema schema) {
    return new ParquetRowConverter(
        schema, parquetOptions(options), Boolean.TRUE.equals(options.getIgnoreUnknownValues()));
  }

  private static ParquetOptions parquetOptions(Options options) {
    return new ParquetOptions(
        Boolean.TRUE.equals(options.getEnableListInference()),
        Boolean.TRUE.equals(options.getEnumAsString()),
        DecimalTargetTypes.parse(options.getDecimalTargetTypes(), "decimalTargetTypes"));
  }
}
