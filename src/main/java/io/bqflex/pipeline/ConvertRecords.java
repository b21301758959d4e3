package io.bqflex.pipeline;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.rows.FailedRecord;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.rows.RecordException;
import io.bqflex.rows.SourceRecord;
import io.bqflex.rows.Stage;
import io.bqflex.udf.JavaScriptUdf;
import io.bqflex.udf.UdfSpec;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Parses each record, runs the optional JavaScript UDF and converts the result against the BigQuery
 * schema. Every record leaves as a row ({@link #ROWS}), a failure ({@link #FAILURES}) or a counted
 * filter: none is dropped.
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
    out.get(ROWS).setCoder(TableRowJsonCoder.of());
    return out;
  }

  private static final class ConvertFn extends DoFn<SourceRecord, TableRow> {
    private final Counter written = RecordCounters.counter(RecordCounters.WRITTEN);
    private final Counter filtered = RecordCounters.counter(RecordCounters.FILTERED);
    private final PayloadFormat format;
    private final UdfSpec udfSpec;
    private final RowEnricher enricher;
    private transient JavaScriptUdf udf;

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

    @ProcessElement
    public void process(@Element SourceRecord record, MultiOutputReceiver out) {
      try {
        TableRow row = convert(record);
        if (row == null) {
          filtered.inc();
          return;
        }
        enricher.enrich(record, row);
        // Counted when handed to the writer; a row BigQuery then rejects is moved to dead-lettered.
        written.inc();
        out.get(ROWS).output(row);
      } catch (RecordException e) {
        out.get(FAILURES).output(FailedRecord.of(record, e));
      } catch (RuntimeException e) {
        // A bug or an unforeseen input must cost one record, not the job: keep the stack for us.
        out.get(FAILURES)
            .output(FailedRecord.of(record, Stage.CONVERT, "unexpected error: " + e, e));
      }
    }

    /** The record's row, or null when the UDF filtered it out. */
    private TableRow convert(SourceRecord record) throws RecordException {
      if (udf == null) {
        return format.toRow(record.payload());
      }
      String transformed = udf.apply(format.toJson(record.payload()));
      return transformed == null ? null : format.jsonToRow(transformed);
    }

    @Teardown
    public void teardown() {
      if (udf != null) {
        udf.close();
      }
    }
  }
}
