package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.catalog.LaunchChecks;
import io.bqflex.pipeline.ConvertRecords;
import io.bqflex.pipeline.ReadConvertWrite;
import io.bqflex.pipeline.RowEnricher;
import io.bqflex.pipeline.TemplateBase;
import io.bqflex.read.ReadFileRecords;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.write.OutputSchema;
import io.bqflex.write.WriteSettings;
import io.bqflex.write.WriteWithDeadLetters;
import java.util.List;
import org.apache.beam.sdk.Pipeline;

/** A batch template that reads Cloud Storage files; its subclasses say how the files are read. */
abstract class FileToBigQueryTemplate<O extends FileToBigQueryOptions> extends TemplateBase<O> {

  FileToBigQueryTemplate(String id, Class<O> optionsClass) {
    super(id, optionsClass);
  }

  /** The reader of the template's file format. */
  abstract ReadFileRecords reader(O options);

  /** How the template's records become rows of {@code schema}. */
  abstract PayloadFormat payloadFormat(O options, TableSchema schema);

  @Override
  public void build(Pipeline pipeline, O options) {
    TableSchema schema = OutputSchema.resolve(options, "outputTable", options.getOutputTable());
    WriteSettings settings =
        WriteSettings.of(
            options, "outputTable", options.getOutputTable(), BigQuerySchemas.toJson(schema));
    ConvertRecords convert =
        ConvertRecords.with(payloadFormat(options, schema), Udfs.specOf(options).orElse(null))
            .enrichedBy(WriterRowChecks.checkedAfter(RowEnricher.NONE, settings));
    ReadConvertWrite.assemble(
        pipeline,
        "ReadFiles",
        reader(options),
        ReadFileRecords.RECORDS,
        ReadFileRecords.FAILURES,
        convert,
        new WriteWithDeadLetters(settings));
  }

  @Override
  public LaunchChecks.Findings preflight(O options, Reach reach) {
    return OutputPreflight.of(
        options,
        "outputTable",
        options.getOutputTable(),
        reach,
        schema -> payloadFormat(options, schema));
  }

  @Override
  public List<String> outputTables(O options) {
    return WriteSettings.outputTables(options, "outputTable", options.getOutputTable());
  }
}
