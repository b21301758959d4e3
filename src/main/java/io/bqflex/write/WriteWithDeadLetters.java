package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.DeadLetterSchema;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.OutputRow;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.Records;
import io.bqflex.core.Stage;
import io.bqflex.rows.BigQuerySchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the rows ({@link Records#ROWS}) to the output table and every failure ({@link
 * Records#FAILURES}), plus each row BigQuery itself rejects, to the dead-letter table.
 */
public final class WriteWithDeadLetters extends PTransform<PCollectionTuple, PDone> {
  private static final TupleTag<OutputRow> ROWS = Records.ROWS;
  private static final TupleTag<FailedRecord> FAILURES = Records.FAILURES;

  private static final Logger LOG = LoggerFactory.getLogger(WriteWithDeadLetters.class);

  private final WriteSettings settings;
  private final boolean rowsCarryRecords;

  /** A writer of rows that carry their records ({@link OutputRow#of}). */
  public WriteWithDeadLetters(WriteSettings settings) {
    this(settings, true);
  }

  private WriteWithDeadLetters(WriteSettings settings, boolean rowsCarryRecords) {
    this.settings = settings;
    this.rowsCarryRecords = rowsCarryRecords;
  }

  /**
   * A writer of rows that carry only where they came from ({@link OutputRow#fromTypedFile}): a row
   * BigQuery refuses is dead-lettered as BigQueryIO hands it back, the row it sent.
   */
  public static WriteWithDeadLetters ofTypedFileRows(WriteSettings settings) {
    return new WriteWithDeadLetters(settings, false);
  }

  @Override
  public PDone expand(PCollectionTuple input) {
    PipelineOptions options = input.getPipeline().getOptions();
    WriteResult written =
        input
            .get(ROWS)
            .apply(
                "WriteRows",
                rowsWrite(options).to(settings.destination()).withJsonSchema(schema()));

    PCollectionList<FailedRecord> failures = PCollectionList.of(input.get(FAILURES));
    if (settings.usesStorageWriteApi()) {
      failures =
          failures.and(
              written
                  .getFailedStorageApiInserts()
                  .apply(
                      "RejectedByBigQuery",
                      ParDo.of(new RejectedRowFn(settings.schemaJson(), rowsCarryRecords)))
                  .setCoder(FailedRecordCoder.of()));
    }
    WriteResult deadLettered =
        failures
            .apply("AllFailures", Flatten.pCollections())
            .apply("ToDeadLetterRows", ParDo.of(new DeadLetterRowFn(deadLetterRowFit())))
            .setCoder(TableRowJsonCoder.of())
            .apply(
                "WriteDeadLetters",
                deadLetterWrite(options)
                    .to(settings.deadLetterTable())
                    .withSchema(DeadLetterSchema.schema()));
    if (settings.usesStorageWriteApi()) {
      deadLettered
          .getFailedStorageApiInserts()
          .apply("DeadLettersRejected", ParDo.of(new LogLostDeadLetterFn()));
    }
    return PDone.in(input.getPipeline());
  }

  /**
   * On FILE_LOADS the dead-letter table is loaded too, from JSON files (its rows stay TableRows
   * whatever the output table's files are), so its rows must fit the JSON load-job row limit; null
   * on the Storage Write API.
   */
  private DeadLetterRowFit deadLetterRowFit() {
    return settings.method() == Method.FILE_LOADS
        ? new DeadLetterRowFit(LoadJobRowLimit.forJsonLoads().limitBytes())
        : null;
  }

  private String schema() {
    return settings.schemaJson();
  }

  private BigQueryIO.Write<OutputRow> rowsWrite(PipelineOptions options) {
    BigQueryIO.Write<OutputRow> write =
        common(OutputRowFormat.write(settings, rowsCarryRecords), options)
            .withCreateDisposition(settings.createDisposition())
            .withWriteDisposition(settings.writeDisposition());
    if (settings.timePartitioning() != null) {
      write = write.withTimePartitioning(settings.timePartitioning());
    }
    if (settings.clustering() != null) {
      write = write.withClustering(settings.clustering());
    }
    // Unknown fields were already dead-lettered or dropped by the conversion; this only keeps
    // BigQuery in agreement with it.
    return settings.ignoreUnknownValues() ? write.ignoreUnknownValues() : write;
  }

  private BigQueryIO.Write<TableRow> deadLetterWrite(PipelineOptions options) {
    return common(BigQueryIO.writeTableRows(), options)
        .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
        .withWriteDisposition(WriteDisposition.WRITE_APPEND);
  }

  private <T> BigQueryIO.Write<T> common(BigQueryIO.Write<T> base, PipelineOptions options) {
    BigQueryIO.Write<T> write = base.withMethod(settings.method()).withoutValidation();
    if (settings.loadTempDirectory() != null) {
      write = write.withCustomGcsTempLocation(StaticValueProvider.of(settings.loadTempDirectory()));
    }
    // Exactly-once streaming writes batch rows into commits; the at-least-once default stream
    // appends as rows come, and BigQueryIO refuses a triggering frequency for it.
    if (settings.streaming() && settings.method() == Method.STORAGE_WRITE_API) {
      write =
          write.withTriggeringFrequency(
              Duration.standardSeconds(settings.triggeringFrequencySeconds()));
      write =
          settings.numStreams() > 0
              ? write.withNumStorageWriteApiStreams(settings.numStreams())
              : write.withAutoSharding();
    }
    return BigQueryServicesOverride.applyTo(write, options);
  }

  /** A row BigQuery refused: it leaves the written count and becomes a dead letter. */
  private static final class RejectedRowFn
      extends DoFn<BigQueryStorageApiInsertError, FailedRecord> {
    /** How BigQueryIO's message for a row over its maximum request size begins. */
    private static final String PAYLOAD_TOO_LARGE = "Row payload too large";

    /**
     * What a too-large row's dead letter keeps of it: at most 3 MB of UTF-8, 4 MB more as
     * payloadBytes' base64, under the 10 MB the dead-letter write takes.
     */
    private static final int KEPT_OF_TOO_LARGE_ROW = 1_000_000;

    private final Counter written = RecordCounters.counter(RecordCounters.WRITTEN);
    private final String schemaJson;
    private final boolean rowsCarryRecords;
    private transient List<TableFieldSchema> fields;

    RejectedRowFn(String schemaJson, boolean rowsCarryRecords) {
      this.schemaJson = schemaJson;
      this.rowsCarryRecords = rowsCarryRecords;
    }

    @Setup
    public void setup() {
      fields = BigQuerySchemas.parse(schemaJson, "output schema").getFields();
    }

    @ProcessElement
    public void process(
        @Element BigQueryStorageApiInsertError error, OutputReceiver<FailedRecord> out)
        throws IOException {
      written.dec();
      String table =
          error.getTable() == null ? null : BigQueryHelpers.toTableSpec(error.getTable());
      String reason = reason(error.getErrorMessage());
      FailedRecord failed =
          rowsCarryRecords
              ? RefusedRowOrigin.deadLetter(error.getRow(), reason, table)
              : rowAsSent(error, reason, table);
      out.output(tooLarge(error.getErrorMessage()) ? cutToFit(failed) : failed);
    }

    /** The dead letter of a row that carried no record: the row as BigQueryIO sent it, as JSON. */
    private FailedRecord rowAsSent(BigQueryStorageApiInsertError error, String reason, String table)
        throws IOException {
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

    /**
     * A too-large row's dead letter goes through the same API and would be refused in turn: it
     * keeps the payload's first {@link #KEPT_OF_TOO_LARGE_ROW} characters, and says so.
     */
    private static FailedRecord cutToFit(FailedRecord failed) {
      String text = failed.payloadString();
      byte[] bytes = failed.payloadBytes();
      boolean textTooLong = text != null && text.length() > KEPT_OF_TOO_LARGE_ROW;
      boolean bytesTooLong = bytes != null && bytes.length > KEPT_OF_TOO_LARGE_ROW;
      if (!textTooLong && !bytesTooLong) {
        return failed;
      }
      int payloadSize = text != null ? text.length() : bytes.length;
      String cutText = textTooLong ? text.substring(0, KEPT_OF_TOO_LARGE_ROW) : text;
      byte[] cutBytes =
          cutText != null
              ? cutText.getBytes(StandardCharsets.UTF_8)
              : Arrays.copyOf(bytes, KEPT_OF_TOO_LARGE_ROW);
      String reason =
          failed.errorMessage()
              + String.format(
                  "; the dead letter keeps the payload's first %,d of %,d %s",
                  KEPT_OF_TOO_LARGE_ROW, payloadSize, text != null ? "characters" : "bytes");
      return new FailedRecord(
          failed.timestampMillis(),
          cutText,
          cutBytes,
          failed.stage(),
          reason,
          failed.stacktrace(),
          failed.source(),
          failed.recordNumber(),
          failed.messageId(),
          failed.attributes());
    }

    /**
     * Beam's message for a row over the request size ("Row payload too large. Maximum size
     * 10000000", from StorageApiWriteUnshardedRecords and StorageApiWritesShardedRecords) names no
     * rule: the reason names BigQuery's limit, so the user knows the row, not the table, is wrong.
     */
    static String reason(String beamMessage) {
      if (tooLarge(beamMessage)) {
        return "the row's encoded size exceeds the Storage Write API's 10 MB append-request limit;"
            + " BigQueryIO refused it: "
            + beamMessage;
      }
      return "BigQuery rejected the row: " + beamMessage;
    }

    private static boolean tooLarge(String beamMessage) {
      return beamMessage != null && beamMessage.startsWith(PAYLOAD_TOO_LARGE);
    }
  }

  private static final class DeadLetterRowFn extends DoFn<FailedRecord, TableRow> {
    private final Counter deadLettered = RecordCounters.counter(RecordCounters.DEAD_LETTERED);
    private final DeadLetterRowFit fit;

    /**
     * @param fit cuts rows to the load job's row limit; null when the write loads no files
     */
    DeadLetterRowFn(DeadLetterRowFit fit) {
      this.fit = fit;
    }

    @ProcessElement
    public void process(@Element FailedRecord failure, OutputReceiver<TableRow> out) {
      deadLettered.inc();
      out.output(fit == null ? DeadLetterTable.toRow(failure) : fit.toRow(failure));
    }
  }

  /**
   * The last resort: when the dead-letter table itself refuses a row, the row goes to the worker
   * log in full, so it can still be recovered from Cloud Logging.
   */
  private static final class LogLostDeadLetterFn extends DoFn<BigQueryStorageApiInsertError, Void> {
    private final Counter refused = RecordCounters.counter("dead_letters_refused");

    @ProcessElement
    public void process(@Element BigQueryStorageApiInsertError error) {
      refused.inc();
      LOG.error(
          "The dead-letter table refused a row ({}); the row: {}",
          error.getErrorMessage(),
          error.getRow());
    }
  }
}
