package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.Records;
import io.bqflex.pipeline.ApplyUdf;
import io.bqflex.pipeline.ConvertRecords;
import io.bqflex.pipeline.MapNewColumns;
import io.bqflex.pipeline.MapNewColumnsPerTable;
import io.bqflex.pipeline.TableSchemaView;
import io.bqflex.read.FileFormat;
import io.bqflex.read.ReadFileRecords;
import io.bqflex.rows.JsonRowConverter;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.udf.UdfSpec;
import io.bqflex.write.OutputTable;
import io.bqflex.write.SchemaPatchesSource;
import io.bqflex.write.WriteSettings;
import io.bqflex.write.WriteWithDeadLetters;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The pipeline of a batch file template whose records reach the conversion as JSON objects, as read
 * (JSON lines) or as its UDF returns them (text lines): read, UDF, convert against the output
 * schema and write; with {@code autoMapTables}, the columns the records' new fields call for are
 * added first ({@link MapNewColumns}, or {@link MapNewColumnsPerTable} for routed tables that give
 * their own schemas) and the records converted and written against the widened schemas.
 */
final class JsonRecordFiles {
  private JsonRecordFiles() {}

  /**
   * @param formats the records' format for a schema, the launch schema or one worked out while the
   *     job runs ({@link #formats})
   */
  static void build(
      Pipeline pipeline,
      FileToBigQueryOptions options,
      FileFormat files,
      Optional<UdfSpec> udf,
      SerializableFunction<TableSchema, PayloadFormat> formats) {
    OutputTable output =
        OutputTable.resolveAllowingTablesOwnSchemas(
            options, "outputTable", options.getOutputTable());
    WriteSettings settings = output.settings();
    ReadFileRecords read = ReadFileRecords.from(options.getInputFilePattern(), files);
    if (settings.tablesGiveSchemas()) {
      buildForTablesOwnSchemas(pipeline, options, output, read, udf, formats);
      return;
    }
    PayloadFormat format = formats.apply(output.schema());
    PCollectionTuple records =
        pipeline.apply("ReadFiles", read).apply("ApplyUdf", ApplyUdf.of(udf, format));
    ConvertRecords convert = ConvertRecords.with(format);
    WriteWithDeadLetters write =
        new WriteWithDeadLetters(settings).rereadingRefusedRecordsWith(read.rereader());
    if (settings.mapsNewFields()) {
      PCollectionView<Map<String, String>> schemas =
          records
              .get(Records.RECORDS)
              .apply(
                  "MapNewColumns",
                  new MapNewColumns(
                      format,
                      settings.schemaJson(),
                      settings.table().base(),
                      settings.destination(),
                      SchemaPatchesSource.of(options)));
      convert =
          ConvertRecords.against(new TableSchemaView(schemas, settings.destination(), formats));
      write = write.withSchemaFrom(schemas);
    }
    records
        .apply("ConvertRecords", convert.enrichedBy(WriterRowChecks.of(output)))
        .apply("WriteToBigQuery", write);
  }

  /**
   * Routed rows without {@code JSONPath}: each record converted against the schema of the table its
   * own fields name ({@link ConvertRecords#perTable}), and written to that table; with {@code
   * autoMapTables}, each table first gains the columns its records call for, or is created with
   * them ({@link MapNewColumnsPerTable}).
   */
  private static void buildForTablesOwnSchemas(
      Pipeline pipeline,
      FileToBigQueryOptions options,
      OutputTable output,
      ReadFileRecords read,
      Optional<UdfSpec> udf,
      SerializableFunction<TableSchema, PayloadFormat> formats) {
    WriteSettings settings = output.settings();
    PayloadFormat schemaless = ConvertRecords.withoutSchema(formats);
    PCollectionTuple records =
        pipeline.apply("ReadFiles", read).apply("ApplyUdf", ApplyUdf.of(udf, schemaless));
    PCollectionView<Map<String, String>> worked = null;
    if (settings.mapsNewFields()) {
      worked =
          records
              .get(Records.RECORDS)
              .apply(
                  "MapNewColumns",
                  new MapNewColumnsPerTable(
                      settings.routing(),
                      schemaless,
                      SchemaPatchesSource.of(options),
                      settings.createDisposition() != CreateDisposition.CREATE_NEVER));
    }
    records
        .apply(
            "ConvertRecords",
            ConvertRecords.perTable(settings.routing(), settings.formatsForTables(formats), worked)
                .enrichedBy(WriterRowChecks.of(output)))
        .apply(
            "WriteToBigQuery",
            new WriteWithDeadLetters(settings).rereadingRefusedRecordsWith(read.rereader()));
  }

  /**
   * The records' format for a schema, made by {@code format} around the JSON converter the options
   * ask: serializable, as the options are not, for a schema worked out while the job runs.
   */
  static SerializableFunction<TableSchema, PayloadFormat> formats(
      FileToBigQueryOptions options, SerializableFunction<JsonRowConverter, PayloadFormat> format) {
    boolean ignoreUnknownValues = Boolean.TRUE.equals(options.getIgnoreUnknownValues());
    return schema -> format.apply(new JsonRowConverter(schema, ignoreUnknownValues));
  }
}
