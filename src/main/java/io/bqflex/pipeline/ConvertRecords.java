package io.bqflex.pipeline;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.RecordException;
import io.bqflex.core.RowEnricher;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.rows.TableRowCoder;
import io.bqflex.udf.JavaScriptUdf;
import io.bqflex.udf.UdfResult;
import io.bqflex.udf.UdfSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Parses each record, runs the optional JavaScript UDF and converts the result against the BigQuery
 * schema. Every record leaves as a row ({@link #ROWS}), a failure ({@link #FAILURES}) or a counted
 * filter: none is dropped.
 *
 * <p>With a UDF, records wait within their bundle and go to the UDF {@link JavaScriptUdf#BATCH} at
 * a time (or at the bundle's end), because handing a record to the UDF's thread costs more than a
 * small UDF call; without one, each record is converted as it comes.
 */
public final class ConvertRecords extends PTransform<PCollection<SourceRecord>, PCollectionTuple> {
  public static final TupleTag<TableRow> ROWS = new TupleTag<TableRow>() {};
  public static final TupleTag<FailedRecord> FAILURES = new TupleTag<FailedRecord>() {};

  private final PayloadFormat format;
  private final UdfSpec udf;
  private final RowEnricher enricher;

  private ConvertRecords(PayloadFormat format, UdfSpec udf, RowEnricher enricher) {
    this.format = format;
    this.udf = udf;
    this.enricher = enricher;
  }

  /** Converts records with {@code format}, running {@code udf} first when it is not null. */
  public static ConvertRecords with(PayloadFormat format, UdfSpec udf) {
    return new ConvertRecords(format, udf, RowEnricher.NONE);
  }

  /** Adds columns that come from the record's origin rather than its payload. */
  public ConvertRecords enrichedBy(RowEnricher rowEnricher) {
    return new ConvertRecords(format, udf, rowEnricher);
  }

  @Override
  public PCollectionTuple expand(PCollection<SourceRecord> records) {
    PCollectionTuple out =
        records.apply(
            "ParseAndConvert",
            ParDo.of(new ConvertFn(format, udf, enricher))
                .withOutputTags(ROWS, TupleTagList.of(FAILURES)));
    // Not Beam's TableRowJsonCoder: it cannot read back a column named f.
    out.get(ROWS).setCoder(TableRowCoder.of());
    return out;
  }

  private static final class ConvertFn extends DoFn<SourceRecord, TableRow> {
    private final Counter written = RecordCounters.counter(RecordCounters.WRITTEN);
    private final Counter filtered = RecordCounters.counter(RecordCounters.FILTERED);
    private final PayloadFormat format;
    private final UdfSpec udfSpec;
    private final RowEnricher enricher;
    private transient JavaScriptUdf udf;

    /** Records waiting for the UDF, with the timestamp and window to give their outputs. */
    private transient List<Pending> pending;

    /** Whether every pending record shares one timestamp and window (files: always). */
    private transient boolean uniform;

    ConvertFn(PayloadFormat format, UdfSpec udfSpec, RowEnricher enricher) {
      this.format = format;
      this.udfSpec = udfSpec;
      this.enricher = enricher;
    }

    @Setup
    public void setup() throws java.io.IOException {
      if (udfSpec != null) {
        udf = new JavaScriptUdf(udfSpec);
      }
    }

    @StartBundle
    public void startBundle() {
      pending = new ArrayList<>();
      uniform = true;
    }

    @ProcessElement
    public void process(
        @Element SourceRecord record,
        @Timestamp Instant timestamp,
        BoundedWindow window,
        MultiOutputReceiver out) {
      if (udf == null) {
        // The per-record path of every template without a UDF: straight to the receiver.
        try {
          out.get(ROWS).output(enrichedAndCounted(record, format.toRow(record.payload())));
        } catch (RecordException e) {
          out.get(FAILURES).output(FailedRecord.of(record, e));
        } catch (RuntimeException e) {
          out.get(FAILURES).output(unexpected(record, e));
        }
        return;
      }
      Pending next = new Pending(record, timestamp, window);
      uniform = uniform && (pending.isEmpty() || pending.get(0).sameTimestampAndWindow(next));
      pending.add(next);
      // Outputs of this call carry this record's timestamp and window: right for all pending ones
      // only when they share it. Otherwise they wait for the end of the bundle.
      if (uniform && pending.size() >= JavaScriptUdf.BATCH) {
        runUdf(receiverOutput(out));
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      if (!pending.isEmpty()) {
        runUdf(bundleOutput(context));
      }
    }

    /** The pending records through the UDF (one hand-over), then each result to its end. */
    private void runUdf(Output output) {
      List<Pending> batch = new ArrayList<>();
      List<String> jsons = new ArrayList<>();
      for (Pending p : pending) {
        try {
          jsons.add(format.toJson(p.record().payload()));
          batch.add(p);
        } catch (RecordException e) {
          output.failure(FailedRecord.of(p.record(), e), p);
        } catch (RuntimeException e) {
          output.failure(unexpected(p.record(), e), p);
        }
      }
      pending.clear();
      uniform = true;
      List<UdfResult> results = udf.applyAll(jsons);
      for (int i = 0; i < batch.size(); i++) {
        Pending p = batch.get(i);
        UdfResult result = results.get(i);
        try {
          if (result.failure() != null) {
            throw result.failure();
          }
          if (result.filtered()) {
            filtered.inc();
            continue;
          }
          output.row(enrichedAndCounted(p.record(), udfResultToRow(result.json())), p);
        } catch (RecordException e) {
          output.failure(FailedRecord.of(p.record(), e), p);
        } catch (RuntimeException e) {
          output.failure(unexpected(p.record(), e), p);
        }
      }
    }

    /**
     * The UDF's result converted against the schema. A result that is not one JSON object (text, an
     * array) fails the record at the UDF stage, naming the function: the payload was fine.
     */
    private TableRow udfResultToRow(String json) throws RecordException {
      try {
        return format.jsonToRow(json);
      } catch (RecordException e) {
        if (e.stage() == Stage.PARSE) {
          throw udf.resultNotAJsonObject(e);
        }
        throw e;
      }
    }

    private TableRow enrichedAndCounted(SourceRecord record, TableRow row) throws RecordException {
      enricher.enrich(record, row);
      // Counted when handed to the writer; a row BigQuery then rejects is moved to dead-lettered.
      written.inc();
      return row;
    }

    /** A bug or an unforeseen input must cost one record, not the job: keep the stack for us. */
    private static FailedRecord unexpected(SourceRecord record, RuntimeException e) {
      return FailedRecord.of(record, Stage.CONVERT, "unexpected error: " + e, e);
    }

    @Teardown
    public void teardown() {
      if (udf != null) {
        udf.close();
      }
    }

    /** Where a record's row or failure goes: the current element's receiver or the bundle's end. */
    private interface Output {
      void row(TableRow row, Pending origin);

      void failure(FailedRecord failure, Pending origin);
    }

    private static Output receiverOutput(MultiOutputReceiver out) {
      return new Output() {
        @Override
        public void row(TableRow row, Pending origin) {
          out.get(ROWS).output(row);
        }

        @Override
        public void failure(FailedRecord failure, Pending origin) {
          out.get(FAILURES).output(failure);
        }
      };
    }

    private static Output bundleOutput(FinishBundleContext context) {
      return new Output() {
        @Override
        public void row(TableRow row, Pending origin) {
          context.output(ROWS, row, origin.timestamp(), origin.window());
        }

        @Override
        public void failure(FailedRecord failure, Pending origin) {
          context.output(FAILURES, failure, origin.timestamp(), origin.window());
        }
      };
    }

    /** A record waiting for the UDF. */
    private record Pending(SourceRecord record, Instant timestamp, BoundedWindow window) {
      boolean sameTimestampAndWindow(Pending other) {
        return timestamp.equals(other.timestamp) && window.equals(other.window);
      }
    }
  }
}
