package io.bqflex.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.SourceRecordCoder;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.NewColumns;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.write.FollowedTableSchema;
import io.bqflex.write.SchemaPatchesSource;
import io.bqflex.write.WriteSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code autoMapTables} for a streaming job. A record whose fields all have settled columns goes
 * straight on to the conversion; one carrying fields its table lacks is held, in Beam state keyed
 * by the table, while the columns are added and settle:
 *
 * <ul>
 *   <li>every {@link #TICK} the held records' missing fields are merged and added to the table in
 *       one update guarded by its etag ({@link io.bqflex.write.TableWidening}), at most one update
 *       per tick, well inside BigQuery's 5 per 10 seconds per table; the first records to bring a
 *       field type its column, the type most of them give;
 *   <li>a held record goes on once the schema the conversion uses ({@link FollowedTableSchema}, a
 *       refresh period behind the table) has all its fields, so the writer has had that period to
 *       learn the columns; the conversion then writes it, or dead-letters a value that does not fit
 *       its column's type;
 *   <li>a record with a field no column can be added for, or held longer than {@link #maxHold},
 *       goes on to be dead-lettered by the conversion, never dropped.
 * </ul>
 */
public final class HoldForNewColumns extends PTransform<PCollectionTuple, PCollectionTuple> {
  /** How often held records are looked at: at most one table update per tick. */
  static final Duration TICK = Duration.ofSeconds(2);

  private static final TupleTag<SourceRecord> READY = new TupleTag<>() {};
  private static final TupleTag<KV<String, SourceRecord>> HELD = new TupleTag<>() {};

  private final GrowingTables tables;
  private final PayloadFormat format;
  private final Duration refreshPeriod;
  private final SchemaPatchesSource patches;

  private HoldForNewColumns(
      GrowingTables tables,
      PayloadFormat format,
      WriteSettings settings,
      SchemaPatchesSource patches) {
    this.tables = tables;
    this.format = format;
    this.refreshPeriod = Duration.ofSeconds(settings.schemaRefreshSeconds());
    this.patches = patches;
  }

  /**
   * Holds the records for the one output table.
   *
   * @param followed the schema the conversion uses
   * @param format shows each payload as JSON, as the UDF sees it
   * @param settings the write's: its table, the schema and partitioning to create it with
   */
  public static HoldForNewColumns forTable(
      FollowedTableSchema followed,
      PayloadFormat format,
      WriteSettings settings,
      SchemaPatchesSource patches) {
    return new HoldForNewColumns(GrowingTables.one(followed, settings), format, settings, patches);
  }

  /**
   * Holds each record for the routed table its own fields name, where tables give their schemas
   * (each followed, {@code tableSchemaRefreshSeconds}): keyed by table, each table gains the
   * columns of its own records, or is created with them unless {@code CREATE_NEVER}.
   *
   * @param format shows each payload as JSON, as the UDF sees it
   */
  public static HoldForNewColumns forRoutedTables(
      PayloadFormat format, WriteSettings settings, SchemaPatchesSource patches) {
    return new HoldForNewColumns(
        GrowingTables.routed(
            settings.routing(), settings.createDisposition() != CreateDisposition.CREATE_NEVER),
        format,
        settings,
        patches);
  }

  /**
   * How long a record waits at most for its columns to settle (twice the refresh period, when
   * BigQuery answers): ten periods, and two minutes at least.
   */
  static Duration maxHold(Duration refreshPeriod) {
    Duration tenPeriods = refreshPeriod.multipliedBy(10);
    Duration floor = Duration.ofMinutes(2);
    return tenPeriods.compareTo(floor) > 0 ? tenPeriods : floor;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    long maxHoldMillis = maxHold(refreshPeriod).toMillis();
    PCollectionTuple sorted =
        input
            .get(Records.RECORDS)
            .apply(
                "SortByNewFields",
                ParDo.of(new SortFn(tables, format)).withOutputTags(READY, TupleTagList.of(HELD)));
    sorted.get(READY).setCoder(SourceRecordCoder.of());
    PCollection<SourceRecord> released =
        sorted
            .get(HELD)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SourceRecordCoder.of()))
            .apply(
                "HoldUntilColumnsSettle",
                ParDo.of(new HoldFn(tables, format, patches, maxHoldMillis)))
            .setCoder(SourceRecordCoder.of());
    PCollection<SourceRecord> records =
        PCollectionList.of(sorted.get(READY)).and(released).apply("Rejoin", Flatten.pCollections());
    return PCollectionTuple.of(Records.RECORDS, records)
        .and(Records.FAILURES, input.get(Records.FAILURES));
  }

  /** Records with fields the settled schema lacks to be held, by their table; the rest go on. */
  private static final class SortFn extends DoFn<SourceRecord, SourceRecord> {
    private final GrowingTables tables;
    private final PayloadFormat format;

    SortFn(GrowingTables tables, PayloadFormat format) {
      this.tables = tables;
      this.format = format;
    }

    @ProcessElement
    public void process(@Element SourceRecord record, MultiOutputReceiver out) {
      JsonNode json = RecordObjects.objectOf(record, format);
      // A record that is not one JSON object, or names no table, is dead-lettered by the
      // conversion.
      String table = json == null ? null : tables.tableOf(record, json);
      if (table == null || NewFields.in(json, fieldsOf(tables.settled(table))).isEmpty()) {
        out.get(READY).output(record);
      } else {
        out.get(HELD).output(KV.of(table, record));
      }
    }
  }

  /** The columns of {@code schema}; none for a table that does not exist (null). */
  private static List<TableFieldSchema> fieldsOf(TableSchema schema) {
    return schema == null || schema.getFields() == null ? List.of() : schema.getFields();
  }

  /** Holds a table's records with new fields, widens the table and lets them go once settled. */
  private static final class HoldFn extends DoFn<KV<String, SourceRecord>, SourceRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(HoldForNewColumns.class);

    private final Counter held = RecordCounters.counter("records_held_for_new_columns");
    private final Counter added = RecordCounters.counter("columns_added");
    private final GrowingTables tables;
    private final PayloadFormat format;
    private final SchemaPatchesSource patches;
    private final long maxHoldMillis;

    /** Each held record with the time it came, in milliseconds. */
    @StateId("held")
    private final StateSpec<BagState<KV<Long, SourceRecord>>> heldSpec =
        StateSpecs.bag(KvCoder.of(VarLongCoder.of(), SourceRecordCoder.of()));

    @StateId("ticking")
    private final StateSpec<ValueState<Boolean>> tickingSpec = StateSpecs.value(BooleanCoder.of());

    /** The table's schema after the last widening: columns added but not settled yet. */
    @StateId("widened")
    private final StateSpec<ValueState<String>> widenedSpec =
        StateSpecs.value(StringUtf8Coder.of());

    @TimerId("tick")
    private final TimerSpec tickSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    HoldFn(
        GrowingTables tables,
        PayloadFormat format,
        SchemaPatchesSource patches,
        long maxHoldMillis) {
      this.tables = tables;
      this.format = format;
      this.patches = patches;
      this.maxHoldMillis = maxHoldMillis;
    }

    @ProcessElement
    public void hold(
        @Element KV<String, SourceRecord> element,
        @StateId("held") BagState<KV<Long, SourceRecord>> records,
        @StateId("ticking") ValueState<Boolean> ticking,
        @TimerId("tick") Timer tick) {
      records.add(KV.of(System.currentTimeMillis(), element.getValue()));
      held.inc();
      if (!Boolean.TRUE.equals(ticking.read())) {
        tick.offset(org.joda.time.Duration.millis(TICK.toMillis())).setRelative();
        ticking.write(true);
      }
    }

    @OnTimer("tick")
    public void tick(
        PipelineOptions options,
        @Key String table,
        @StateId("held") BagState<KV<Long, SourceRecord>> records,
        @StateId("ticking") ValueState<Boolean> ticking,
        @StateId("widened") ValueState<String> widened,
        @TimerId("tick") Timer tick,
        OutputReceiver<SourceRecord> out) {
      List<TableFieldSchema> settled = fieldsOf(tables.settled(table));
      String widenedJson = widened.read();
      List<TableFieldSchema> known =
          widenedJson == null
              ? settled
              : fieldsOf(BigQuerySchemas.parse(widenedJson, "widened schema"));
      List<KV<Long, SourceRecord>> waiting = new ArrayList<>();
      List<Lacking> lacking = new ArrayList<>();
      NewColumns missing = new NewColumns();
      for (KV<Long, SourceRecord> record : records.read()) {
        JsonNode json = RecordObjects.objectOf(record.getValue(), format);
        if (NewFields.in(json, settled).isEmpty()) {
          out.output(record.getValue());
          continue;
        }
        NewColumns unknown = NewFields.in(json, known);
        if (unknown.isEmpty()) {
          waiting.add(record);
        } else {
          lacking.add(new Lacking(record, json));
          missing.merge(unknown);
        }
      }
      if (!lacking.isEmpty()) {
        Optional<NewColumns.Widening> widening = widen(options, table, missing);
        if (widening.isEmpty()) {
          // The table may not be created, or BigQuery failed: next tick.
          lacking.forEach(record -> waiting.add(record.held()));
        } else {
          TableSchema schema = widening.get().schema();
          widened.write(BigQuerySchemas.toJson(schema));
          for (Lacking record : lacking) {
            if (NewFields.in(record.json(), schema.getFields()).isEmpty()) {
              waiting.add(record.held());
            } else {
              out.output(record.held().getValue()); // no column fits the field: dead-lettered next
            }
          }
        }
      }
      records.clear();
      long now = System.currentTimeMillis();
      int overdue = 0;
      for (KV<Long, SourceRecord> record : waiting) {
        if (now - record.getKey() > maxHoldMillis) {
          out.output(record.getValue());
          overdue++;
        } else {
          records.add(record);
        }
      }
      if (overdue > 0) {
        LOG.warn(
            "bqflex: {} records waited {} s for columns of {} that have not settled; converting"
                + " them now, their new fields go to the dead-letter table",
            overdue,
            maxHoldMillis / 1000,
            table);
      }
      if (waiting.size() > overdue) {
        tick.offset(org.joda.time.Duration.millis(TICK.toMillis())).setRelative();
      } else {
        ticking.clear();
      }
    }

    /** A held record the table lacks columns for, with its JSON, read once a tick. */
    private record Lacking(KV<Long, SourceRecord> held, JsonNode json) {}

    /**
     * The table with the columns added, or created with them; empty when it does not exist and is
     * not to be created, or BigQuery failed.
     */
    private Optional<NewColumns.Widening> widen(
        PipelineOptions options, String table, NewColumns missing) {
      try {
        Optional<NewColumns.Widening> widening =
            tables.widen(patches.open(options), table, missing);
        widening.ifPresent(w -> WideningReport.report(table, w, added));
        return widening;
      } catch (RuntimeException e) {
        LOG.warn(
            "bqflex: could not add columns to {} ({}); trying again in {} s",
            table,
            e.getMessage(),
            TICK.toSeconds());
        return Optional.empty();
      }
    }
  }
}
