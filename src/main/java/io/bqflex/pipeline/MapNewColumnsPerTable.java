package io.bqflex.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.SourceRecord;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.NewColumns;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.write.RowRouting;
import io.bqflex.write.SchemaPatchesSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
 * {@code autoMapTables} for a batch job whose routed tables give their own schemas (no {@code
 * JSONPath}): the fields each record carries that its own table lacks, merged in one keyed step per
 * table (one table-metadata update per table and job, well inside BigQuery's 5 per 10 seconds per
 * table), added to that table as NULLABLE or REPEATED columns (read-modify-write guarded by the
 * table's etag), or a table created with them where none exists and the job may create tables. The
 * schemas that result are the conversion's side input, by table ({@link
 * ConvertRecords#perTable(RowRouting, org.apache.beam.sdk.transforms.SerializableFunction,
 * PCollectionView)}): rows are converted only once their tables have their columns. Records whose
 * table cannot be named add nothing: the conversion dead-letters them.
 */
public final class MapNewColumnsPerTable
    extends PTransform<PCollection<SourceRecord>, PCollectionView<Map<String, String>>> {
  private final GrowingTables tables;
  private final PayloadFormat schemaless;
  private final SchemaPatchesSource patches;

  /**
   * @param routing names each record's table from its own fields and looks up its schema
   * @param schemaless shows each record as its JSON object ({@link ConvertRecords#withoutSchema})
   * @param mayCreate whether a table that does not exist is created with its records' columns
   */
  public MapNewColumnsPerTable(
      RowRouting routing,
      PayloadFormat schemaless,
      SchemaPatchesSource patches,
      boolean mayCreate) {
    this.tables = GrowingTables.routed(routing, mayCreate);
    this.schemaless = schemaless;
    this.patches = patches;
  }

  @Override
  public PCollectionView<Map<String, String>> expand(PCollection<SourceRecord> records) {
    return records
        .apply("FieldsEachTableLacks", ParDo.of(new NewFieldsFn(tables, schemaless)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(NewColumns.class)))
        .apply("MergePerTable", Combine.perKey(new MergeNewColumns()))
        .apply("AddColumns", ParDo.of(new AddColumnsFn(tables, patches)))
        .apply("AsSideInput", View.asMap());
  }

  /** Each record's table, and the fields the record carries that the table lacks. */
  private static final class NewFieldsFn extends DoFn<SourceRecord, KV<String, NewColumns>> {
    private final GrowingTables tables;
    private final PayloadFormat schemaless;

    NewFieldsFn(GrowingTables tables, PayloadFormat schemaless) {
      this.tables = tables;
      this.schemaless = schemaless;
    }

    @ProcessElement
    public void process(@Element SourceRecord record, OutputReceiver<KV<String, NewColumns>> out) {
      JsonNode object = RecordObjects.objectOf(record, schemaless);
      String table = object == null ? null : tables.tableOf(record, object);
      if (table == null) {
        return;
      }
      TableSchema schema = tables.settled(table);
      NewColumns found = NewFields.in(object, schema == null ? List.of() : schema.getFields());
      if (!found.isEmpty()) {
        out.output(KV.of(table, found));
      }
    }
  }

  /**
   * Adds a table's merged columns, or creates it with them, and gives its schema and the fields its
   * records disagreed on; nothing for a table that neither exists nor is to be created.
   */
  private static final class AddColumnsFn extends DoFn<KV<String, NewColumns>, KV<String, String>> {
    private final Counter added = RecordCounters.counter("columns_added");
    private final GrowingTables tables;
    private final SchemaPatchesSource patches;

    AddColumnsFn(GrowingTables tables, SchemaPatchesSource patches) {
      this.tables = tables;
      this.patches = patches;
    }

    @ProcessElement
    public void process(
        @Element KV<String, NewColumns> columns,
        PipelineOptions options,
        OutputReceiver<KV<String, String>> out) {
      String table = columns.getKey();
      Optional<NewColumns.Widening> widening =
          tables.widen(patches.open(options), table, columns.getValue());
      if (widening.isEmpty()) {
        return;
      }
      WideningReport.report(table, widening.get(), added);
      out.output(KV.of(table, BigQuerySchemas.toJson(widening.get().schema())));
      out.output(
          KV.of(
              TableSchemaView.conflictsKey(table), TableSchemaView.conflictsJson(widening.get())));
    }
  }
}
