package io.bqflex.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.bqflex.write.TableWidening;
import io.bqflex.write.WriteSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
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
 *       one update guarded by its etag ({@link TableWidening}), at most one update per tick, well
 *       inside BigQuery's 5 per 10 seconds per table; the first records to bring a field type its
 *       column, the type most of them give;
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

  private final FollowedTableSchema followed;
  private final PayloadFormat format;
  private final WriteSettings settings;
  private final SchemaPatchesSource patches;

  /**
   * @param followed the schema the conversion uses
   * @param format shows each payload as JSON, as the UDF sees it
   * @param settings the write's: its table, the schema and partitioning to create it with
   */
  public HoldForNewColumns(
      FollowedTableSchema followed,
      PayloadFormat format,
      WriteSettings settings,
      SchemaPatchesSource patches) {
    this.followed = followed;
    this.format = format;
    this.settings = settings;
    this.patches = patches;
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
    String table = settings.table().base();
    long maxHoldMillis = maxHold(Duration.ofSeconds(settings.schemaRefreshSeconds())).toMillis();
    PCollectionTuple sorted =
        input
            .get(Records.RECORDS)
            .apply(
                "SortByNewFields",
                ParDo.of(new SortFn(followed, format, table))
                    .withOutputTags(READY, TupleTagList.of(HELD)));
    sorted.get(READY).setCoder(SourceRecordCoder.of());
    PCollection<SourceRecord> released =
        sorted
            .get(HELD)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SourceRecordCoder.of()))
            .apply(
                "HoldUntilColumnsSettle",
                ParDo.of(new HoldFn(followed, format, settings, patches, maxHoldMillis)))
            .setCoder(SourceRecordCoder.of());
    PCollection<SourceRecord> records =
        PCollectionList.of(sorted.get(READY)).and(released).apply("Rejoin", Flatten.pCollections());
    return PCollectionTuple.of(Records.RECORDS, records)
        .and(Records.FAILURES, input.get(Records.FAILURES));
  }

  /** Records with fields the settled schema lacks to be held, by their table; the rest go on. */
  private static final class SortFn extends DoFn<SourceRecord, SourceRecord> {
    private final FollowedTableSchema followed;
    private final PayloadFormat format;
    private final String table;

    SortFn(FollowedTableSchema followed, PayloadFormat format, String table) {
      this.followed = followed;
      this.format = format;
      this.table = table;
    }

    @ProcessElement
    public void process(@Element SourceRecord record, MultiOutputReceiver out) {
      if (NewFields.of(record, format, followed.schema().getFields()).isEmpty()) {
        out.get(READY).output(record);
      } else {
        out.get(HELD).output(KV.of(table, record));
      }
    }
  }

  /** Holds a table's records with new fields, widens the table and lets them go once settled. */
  private static final class HoldFn extends DoFn<KV<String, SourceRecord>, SourceRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(HoldForNewColumns.class);

    private final Counter held = RecordCounters.counter("records_held_for_new_columns");
    private final Counter added = RecordCounters.counter("columns_added");
    private final FollowedTableSchema followed;
    private final PayloadFormat format;
    private final WriteSettings settings;
    private final String table;
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
        FollowedTableSchema followed,
        PayloadFormat format,
        WriteSettings settings,
        SchemaPatchesSource patches,
        long maxHoldMillis) {
      this.followed = followed;
      this.format = format;
      this.settings = settings;
      this.table = settings.table().base();
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
        @StateId("held") BagState<KV<Long, SourceRecord>> records,
        @StateId("ticking") ValueState<Boolean> ticking,
        @StateId("widened") ValueState<String> widened,
        @TimerId("tick") Timer tick,
        OutputReceiver<SourceRecord> out) {
      TableSchema settled = followed.schema();
      String widenedJson = widened.read();
      TableSchema known =
          widenedJson == null ? settled : BigQuerySchemas.parse(widenedJson, "widened schema");
      List<KV<Long, SourceRecord>> waiting = new ArrayList<>();
      List<Lacking> lacking = new ArrayList<>();
      NewColumns missing = new NewColumns();
      for (KV<Long, SourceRecord> record : records.read()) {
        JsonNode json = RecordObjects.objectOf(record.getValue(), format);
        if (NewFields.in(json, settled.getFields()).isEmpty()) {
          out.output(record.getValue());
          continue;
        }
        NewColumns unknown = NewFields.in(json, known.getFields());
        if (unknown.isEmpty()) {
          waiting.add(record);
        } else {
          lacking.add(new Lacking(record, json));
          missing.merge(unknown);
        }
      }
      if (!lacking.isEmpty()) {
        Optional<NewColumns.Widening> widening = widen(options, missing);
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
    private Optional<NewColumns.Widening> widen(PipelineOptions options, NewColumns missing) {
      try {
        Optional<NewColumns.Widening> widening =
            TableWidening.addColumnsOrCreate(patches.open(options), settings, missing);
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
