package io.bqflex.pipeline;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.OutputRow;
import io.bqflex.core.OutputRowCoder;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.RecordException;
import io.bqflex.core.Records;
import io.bqflex.core.RowEnricher;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import io.bqflex.rows.PayloadFormat;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Converts each record against the BigQuery schema: its payload, or what the UDF made of it when
 * one ran ({@link ApplyUdf}). Every record leaves as a row ({@link Records#ROWS}) or a failure
 * ({@link Records#FAILURES}, after the failures that came in): none is dropped.
 */
public final class ConvertRecords extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final TupleTag<OutputRow> ROWS = Records.ROWS;
  private static final TupleTag<FailedRecord> FAILURES = Records.FAILURES;

  private final PayloadFormat.Source formats;
  private final RowEnricher enricher;

  private ConvertRecords(PayloadFormat.Source formats, RowEnricher enricher) {
    this.formats = formats;
    this.enricher = enricher;
  }

  /** Converts records with {@code format}. */
  public static ConvertRecords with(PayloadFormat format) {
    return new ConvertRecords(PayloadFormat.Source.fixed(format), RowEnricher.NONE);
  }

  /**
   * Converts each record with the format {@code formats} gives at that moment, e.g. one that
   * follows the output table's schema ({@link FollowedFormat}).
   */
  public static ConvertRecords with(PayloadFormat.Source formats) {
    return new ConvertRecords(formats, RowEnricher.NONE);
  }

  /** Adds columns that come from the record's origin rather than its payload, and row checks. */
  public ConvertRecords enrichedBy(RowEnricher rowEnricher) {
    return new ConvertRecords(formats, rowEnricher);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollectionTuple out =
        input
            .get(Records.RECORDS)
            .apply(
                "ParseAndConvert",
                ParDo.of(new ConvertFn(formats, enricher))
                    .withOutputTags(ROWS, TupleTagList.of(FAILURES)));
    out.get(ROWS).setCoder(OutputRowCoder.of());
    return PCollectionTuple.of(ROWS, out.get(ROWS))
        .and(FAILURES, Records.failuresSoFar(input, out.get(FAILURES)));
  }

  private static final class ConvertFn extends DoFn<SourceRecord, OutputRow> {
    private final Counter written = RecordCounters.counter(RecordCounters.WRITTEN);
    private final PayloadFormat.Source formats;
    private final RowEnricher enricher;

    ConvertFn(PayloadFormat.Source formats, RowEnricher enricher) {
      this.formats = formats;
      this.enricher = enricher;
    }

    @ProcessElement
    public void process(@Element SourceRecord record, MultiOutputReceiver out) {
      try {
        PayloadFormat format = formats.current();
        TableRow row =
            record.udfOutput() == null
                ? format.toRow(record.text())
                : udfOutputToRow(format, record.udfOutput());
        enricher.enrich(record, row);
        // Counted when handed to the writer; a row BigQuery then rejects is moved to
        // dead-lettered.
        written.inc();
        out.get(ROWS).output(OutputRow.of(row, record));
      } catch (RecordException e) {
        out.get(FAILURES).output(FailedRecord.of(record, e));
      } catch (RuntimeException e) {
        out.get(FAILURES).output(Failures.unexpected(record, e));
      }
    }

    /**
     * The UDF's result converted against the schema. A result that is not one JSON object (text, an
     * array) fails the record at the UDF stage: the payload was fine.
     */
    private static TableRow udfOutputToRow(PayloadFormat format, String json)
        throws RecordException {
      try {
        return format.jsonToRow(json);
      } catch (RecordException e) {
        if (e.stage() == Stage.PARSE) {
          throw new RecordException(
              Stage.UDF,
              "the UDF returned text that is not one JSON object ("
                  + e.getMessage()
                  + "); return JSON.stringify(record) of an object, or null to filter the record"
                  + " out.",
              e);
        }
        throw e;
      }
    }
  }
}
