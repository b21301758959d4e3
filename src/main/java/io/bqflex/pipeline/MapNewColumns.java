package io.bqflex.pipeline;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.SourceRecord;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.NewColumns;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.write.SchemaPatchesSource;
import io.bqflex.write.TableWidening;
import java.util.Map;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * {@code autoMapTables} for a batch job: the fields the records carry that the table lacks are
 * collected from every record, merged in one step for the table (one table-metadata update per job,
 * well inside BigQuery's 5 per 10 seconds per table), added to the table as NULLABLE or REPEATED
 * columns (read-modify-write guarded by the table's etag, {@link TableWidening}), and the schema
 * that results becomes the side input the conversion and BigQueryIO take: rows are converted only
 * once their table has its columns.
 */
public final class MapNewColumns
    extends PTransform<PCollection<SourceRecord>, PCollectionView<Map<String, String>>> {
  private final PayloadFormat format;
  private final String launchSchemaJson;
  private final String table;
  private final String destination;
  private final SchemaPatchesSource patches;

  /**
   * @param format shows each payload as JSON, as the UDF sees it
   * @param table the table to widen, without decorator
   * @param destination the table spec BigQueryIO writes to, the key of the schema in the view
   */
  public MapNewColumns(
      PayloadFormat format,
      String launchSchemaJson,
      String table,
      String destination,
      SchemaPatchesSource patches) {
    this.format = format;
    this.launchSchemaJson = launchSchemaJson;
    this.table = table;
    this.destination = destination;
    this.patches = patches;
  }

  @Override
  public PCollectionView<Map<String, String>> expand(PCollection<SourceRecord> records) {
    return records
        .apply("FieldsTheTableLacks", ParDo.of(new NewFieldsFn(format, launchSchemaJson)))
        .setCoder(SerializableCoder.of(NewColumns.class))
        .apply("MergeForTheTable", Combine.globally(new MergeNewColumns()))
        .apply(
            "AddColumns", ParDo.of(new AddColumnsFn(launchSchemaJson, table, destination, patches)))
        .apply("AsSideInput", View.asMap());
  }

  /** The fields each record carries that the launch schema lacks; nothing for those with none. */
  private static final class NewFieldsFn extends DoFn<SourceRecord, NewColumns> {
    private final PayloadFormat format;
    private final String launchSchemaJson;
    private transient TableSchema launch;

    NewFieldsFn(PayloadFormat format, String launchSchemaJson) {
      this.format = format;
      this.launchSchemaJson = launchSchemaJson;
    }

    @Setup
    public void setup() {
      launch = BigQuerySchemas.parse(launchSchemaJson, "output schema");
    }

    @ProcessElement
    public void process(@Element SourceRecord record, OutputReceiver<NewColumns> out) {
      NewColumns found = NewFields.of(record, format, launch.getFields());
      if (!found.isEmpty()) {
        out.output(found);
      }
    }
  }

  /**
   * Adds the merged columns to the table (the schema the write creates it with when it does not
   * exist yet), and gives the schema rows are converted against.
   */
  private static final class AddColumnsFn extends DoFn<NewColumns, KV<String, String>> {
    private final Counter added = RecordCounters.counter("columns_added");
    private final String launchSchemaJson;
    private final String table;
    private final String destination;
    private final SchemaPatchesSource patches;

    AddColumnsFn(
        String launchSchemaJson, String table, String destination, SchemaPatchesSource patches) {
      this.launchSchemaJson = launchSchemaJson;
      this.table = table;
      this.destination = destination;
      this.patches = patches;
    }

    @ProcessElement
    public void process(
        @Element NewColumns columns,
        PipelineOptions options,
        OutputReceiver<KV<String, String>> out) {
      NewColumns.Widening widening =
          TableWidening.addColumns(
              patches.open(options),
              table,
              columns,
              BigQuerySchemas.parse(launchSchemaJson, "output schema"));
      WideningReport.report(table, widening, added);
      out.output(KV.of(destination, BigQuerySchemas.toJson(widening.schema())));
      out.output(
          KV.of(
              TableSchemaView.conflictsKey(destination), TableSchemaView.conflictsJson(widening)));
    }
  }
}
