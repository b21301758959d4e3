package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.Records;
import io.bqflex.pipeline.ApplyUdf;
import io.bqflex.pipeline.ConvertRecords;
import io.bqflex.pipeline.MapNewColumns;
import io.bqflex.pipeline.TableSchemaView;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.read.FileFormat;
import io.bqflex.read.ReadFileRecords;
import io.bqflex.rows.JsonPayloadFormat;
import io.bqflex.rows.JsonRowConverter;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.write.AutoMapOptions;
import io.bqflex.write.OutputTable;
import io.bqflex.write.SchemaPatchesSource;
import io.bqflex.write.WriteSettings;
import io.bqflex.write.WriteWithDeadLetters;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

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
    OutputTable output = OutputTable.resolve(options, "outputTable", options.getOutputTable());
    JsonPayloadFormat lines = payloadFormat(options, output.schema());
    ReadFileRecords read =
        ReadFileRecords.from(options.getInputFilePattern(), FileFormat.jsonLines("UTF-8"));
    PCollectionTuple records =
        pipeline
            .apply("ReadFiles", read)
            .apply("ApplyUdf", ApplyUdf.of(Udfs.specOf(options), lines));
    WriteSettings settings = output.settings();
    ConvertRecords convert = ConvertRecords.with(lines);
    WriteWithDeadLetters write =
        new WriteWithDeadLetters(settings).rereadingRefusedRecordsWith(read.rereader());
    if (settings.mapsNewFields()) {
      PCollectionView<Map<String, String>> schemas =
          records
              .get(Records.RECORDS)
              .apply(
                  "MapNewColumns",
                  new MapNewColumns(
                      lines,
                      settings.schemaJson(),
                      settings.table().base(),
                      settings.destination(),
                      SchemaPatchesSource.of(options)));
      convert =
          ConvertRecords.against(
              new TableSchemaView(schemas, settings.destination(), formats(options)));
      write = write.withSchemaFrom(schemas);
    }
    records
        .apply("ConvertRecords", convert.enrichedBy(WriterRowChecks.of(output)))
        .apply("WriteToBigQuery", write);
  }

  /**
   * The format for a schema worked out while the job runs: serializable, as the options are not.
   */
  private static SerializableFunction<TableSchema, PayloadFormat> formats(Options options) {
    boolean ignoreUnknownValues = Boolean.TRUE.equals(options.getIgnoreUnknownValues());
    return schema -> new JsonPayloadFormat(new JsonRowConverter(schema, ignoreUnknownValues));
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
    return (JsonPayloadFormat) formats(options).apply(schema);
  }
}
