package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.RecordRereader;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import io.bqflex.rows.BigQuerySchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The rows the Storage Write API refused, as dead letters: each leaves the written count and
 * becomes a dead letter from what it kept ({@link RefusedRowOrigin}). A file record that kept only
 * its position has its payload read again, one read of each file for all its refused records.
 */
final class RefusedRowsToDeadLetters
    extends PTransform<PCollection<BigQueryStorageApiInsertError>, PCollection<FailedRecord>> {
  private static final TupleTag<FailedRecord> DEAD_LETTERS = new TupleTag<>() {};
  private static final TupleTag<KV<String, RefusedFileRecord>> TO_REREAD = new TupleTag<>() {};

  private final String schemaJson;
  private final boolean rowsCarryRecords;
  private final RecordRereader rereader;

  /**
   * @param rowsCarryRecords whether the rows kept their records; if not, a dead letter holds the
   *     row as BigQueryIO sent it
   * @param rereader reads file records again for the rows that kept only their position; null when
   *     none did
   */
  RefusedRowsToDeadLetters(String schemaJson, boolean rowsCarryRecords, RecordRereader rereader) {
    this.schemaJson = schemaJson;
    this.rowsCarryRecords = rowsCarryRecords;
    this.rereader = rereader;
  }

  /**
   * What each row must keep for a refusal for this transform to make its dead letter, BigQueryIO's
   * failure function; null when rows carry no record. Positions only where they can be read again:
   * the one place that decides both, so that no kept position goes unread.
   */
  RefusedRowOrigin.Keep keep() {
    if (!rowsCarryRecords) {
      return null;
    }
    return rereader == null
        ? RefusedRowOrigin.Keep.wholeRecords()
        : RefusedRowOrigin.Keep.filePositions();
  }

  @Override
  public PCollection<FailedRecord> expand(PCollection<BigQueryStorageApiInsertError> refused) {
    PCollectionTuple sorted =
        refused.apply(
            "DeadLettersOfRefusedRows",
            ParDo.of(new RefusedRowFn(schemaJson, rowsCarryRecords))
                .withOutputTags(DEAD_LETTERS, TupleTagList.of(TO_REREAD)));
    PCollection<FailedRecord> deadLetters =
        sorted.get(DEAD_LETTERS).setCoder(FailedRecordCoder.of());
    PCollection<KV<String, RefusedFileRecord>> positions =
        sorted
            .get(TO_REREAD)
            .setCoder(
                KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(RefusedFileRecord.class)));
    if (rereader == null) {
      return deadLetters;
    }
    PCollection<FailedRecord> reread =
        positions
            .apply("RefusedByFile", GroupByKey.create())
            .apply("ReadPayloadsAgain", ParDo.of(new RereadPayloadsFn(rereader)))
            .setCoder(FailedRecordCoder.of());
    return PCollectionList.of(deadLetters)
        .and(reread)
        .apply("AllRefusedRows", Flatten.pCollections());
  }

  /** A row BigQuery refused: it leaves the written count and becomes a dead letter. */
  private static final class RefusedRowFn
      extends DoFn<BigQueryStorageApiInsertError, FailedRecord> {
    private final Counter written = RecordCounters.counter(RecordCounters.WRITTEN);
    private final String schemaJson;
    private final boolean rowsCarryRecords;
    private transient List<TableFieldSchema> fields;

    RefusedRowFn(String schemaJson, boolean rowsCarryRecords) {
      this.schemaJson = schemaJson;
      this.rowsCarryRecords = rowsCarryRecords;
    }

    @Setup
    public void setup() {
      // Needed for rows that carry no record, which all have the one schema.
      fields =
          schemaJson == null
              ? null
              : BigQuerySchemas.parse(schemaJson, "output schema").getFields();
    }

    @ProcessElement
    public void process(@Element BigQueryStorageApiInsertError error, MultiOutputReceiver out)
        throws IOException {
      written.dec();
      String reason = RefusalReasons.reason(error.getErrorMessage());
      if (!rowsCarryRecords) {
        out.get(DEAD_LETTERS).output(RefusalReasons.fitted(rowAsSent(error, reason)));
        return;
      }
      RefusedFileRecord position = RefusedRowOrigin.positionOf(error.getRow(), reason);
      if (position != null) {
        out.get(TO_REREAD).output(KV.of(position.source(), position));
      } else {
        out.get(DEAD_LETTERS)
            .output(RefusalReasons.fitted(RefusedRowOrigin.deadLetter(error.getRow(), reason)));
      }
    }

    /** The dead letter of a row that carried no record: the row as BigQueryIO sent it, as JSON. */
    private FailedRecord rowAsSent(BigQueryStorageApiInsertError error, String reason)
        throws IOException {
      String table =
          error.getTable() == null ? null : BigQueryHelpers.toTableSpec(error.getTable());
      // Beam hands back the rows of a table with a column named f as cells: show the names.
      Map<String, Object> named = CellFormRows.named(error.getRow(), fields);
      String row = BigQueryHelpers.toJsonString(named == null ? error.getRow() : named);
      return new FailedRecord(
          System.currentTimeMillis(),
          row,
          row.getBytes(StandardCharsets.UTF_8),
          Stage.WRITE,
          reason,
          null,
          table,
          0,
          null,
          null);
    }
  }

  /**
   * Reads each file with refused records once, up to the last of them, and makes their dead letters
   * with the payloads read. A file that can no longer be read still gives every one of its refused
   * records a dead letter, naming the file, the record number and why the payload is missing.
   */
  private static final class RereadPayloadsFn
      extends DoFn<KV<String, Iterable<RefusedFileRecord>>, FailedRecord> {
    private final RecordRereader rereader;

    RereadPayloadsFn(RecordRereader rereader) {
      this.rereader = rereader;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<RefusedFileRecord>> file, OutputReceiver<FailedRecord> out) {
      Set<Long> numbers = new HashSet<>();
      file.getValue().forEach(refused -> numbers.add(refused.recordNumber()));
      Map<Long, SourceRecord> records = Map.of();
      String whyNot = null;
      try {
        records = rereader.reread(file.getKey(), numbers);
      } catch (IOException | RuntimeException e) {
        whyNot = "the file could not be read again: " + e;
      }
      for (RefusedFileRecord refused : file.getValue()) {
        SourceRecord record = records.get(refused.recordNumber());
        out.output(RefusalReasons.fitted(RefusedRowOrigin.deadLetter(refused, record, whyNot)));
      }
    }
  }
}
