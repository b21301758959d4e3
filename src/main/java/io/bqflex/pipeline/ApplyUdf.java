package io.bqflex.pipeline;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.RecordException;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.SourceRecordCoder;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.udf.JavaScriptUdf;
import io.bqflex.udf.UdfResult;
import io.bqflex.udf.UdfSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Runs the optional JavaScript UDF on each record's payload, shown to it as one JSON object. A
 * record leaves carrying the UDF's result ({@link Records#RECORDS}, see {@link
 * SourceRecord#udfOutput()}), as a failure ({@link Records#FAILURES}), or as a counted filter when
 * the UDF returns nothing. Without a UDF, records pass through unchanged.
 *
 * <p>Records wait within their bundle and go to the UDF {@link JavaScriptUdf#BATCH} at a time (or
 * at the bundle's end), because handing a record to the UDF's thread costs more than a small UDF
 * call.
 */
public final class ApplyUdf extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final TupleTag<SourceRecord> RECORDS = Records.RECORDS;
  private static final TupleTag<FailedRecord> FAILURES = Records.FAILURES;

  private final UdfSpec udf;
  private final PayloadFormat format;

  private ApplyUdf(UdfSpec udf, PayloadFormat format) {
    this.udf = udf;
    this.format = format;
  }

  /** Runs {@code udf}, when there is one, on payloads that {@code format} shows it as JSON. */
  public static ApplyUdf of(Optional<UdfSpec> udf, PayloadFormat format) {
    return new ApplyUdf(udf.orElse(null), format);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    if (udf == null) {
      return input;
    }
    PCollectionTuple out =
        input
            .get(RECORDS)
            .apply(
                "RunUdf",
                ParDo.of(new BatchedUdfFn(udf, format))
                    .withOutputTags(RECORDS, TupleTagList.of(FAILURES)));
    out.get(RECORDS).setCoder(SourceRecordCoder.of());
    return PCollectionTuple.of(RECORDS, out.get(RECORDS))
        .and(FAILURES, Records.failuresSoFar(input, out.get(FAILURES)));
  }

  private static final class BatchedUdfFn extends DoFn<SourceRecord, SourceRecord> {
    private final Counter filtered = RecordCounters.counter(RecordCounters.FILTERED);
    private final UdfSpec spec;
    private final PayloadFormat format;
    private transient JavaScriptUdf udf;

    /** Records waiting for the UDF, with the timestamp and window to give their outputs. */
    private transient List<Pending> pending;

    /** Whether every pending record shares one timestamp and window (files: always). */
    private transient boolean uniform;

    BatchedUdfFn(UdfSpec spec, PayloadFormat format) {
      this.spec = spec;
      this.format = format;
    }

    @Setup
    public void setup() throws IOException {
      udf = new JavaScriptUdf(spec);
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
          jsons.add(format.toJson(p.record().text()));
          batch.add(p);
        } catch (RecordException e) {
          output.failure(FailedRecord.of(p.record(), e), p);
        } catch (RuntimeException e) {
          output.failure(Failures.unexpected(p.record(), e), p);
        }
      }
      pending.clear();
      uniform = true;
      List<UdfResult> results = udf.applyAll(jsons);
      for (int i = 0; i < batch.size(); i++) {
        Pending p = batch.get(i);
        UdfResult result = results.get(i);
        if (result.failure() != null) {
          output.failure(FailedRecord.of(p.record(), result.failure()), p);
        } else if (result.filtered()) {
          filtered.inc();
        } else {
          output.record(p.record().withUdfOutput(result.json()), p);
        }
      }
    }

    @Teardown
    public void teardown() {
      if (udf != null) {
        udf.close();
      }
    }

    /** Where a record or failure goes: the current element's receiver or the bundle's end. */
    private interface Output {
      void record(SourceRecord record, Pending origin);

      void failure(FailedRecord failure, Pending origin);
    }

    private static Output receiverOutput(MultiOutputReceiver out) {
      return new Output() {
        @Override
        public void record(SourceRecord record, Pending origin) {
          out.get(RECORDS).output(record);
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
        public void record(SourceRecord record, Pending origin) {
          context.output(RECORDS, record, origin.timestamp(), origin.window());
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
