package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.DeadLetterSchema;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.OutputRow;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.RecordRereader;
import io.bqflex.core.Records;
import java.util.Map;
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
import org.apache.beam.sdk.values.PCollectionView;
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
  private final RecordRereader rereader;
  private final PCollectionView<Map<String, String>> schemas;

  /** A writer of rows that carry their records ({@link OutputRow#of}). */
  public WriteWithDeadLetters(WriteSettings settings) {
    this(settings, true, null, null);
  }

  private WriteWithDeadLetters(
      WriteSettings settings,
      boolean rowsCarryRecords,
      RecordRereader rereader,
      PCollectionView<Map<String, String>> schemas) {
    this.settings = settings;
    this.rowsCarryRecords = rowsCarryRecords;
    this.rereader = rereader;
    this.schemas = schemas;
  }

  /**
   * A writer of rows that carry only where they came from ({@link OutputRow#fromTypedFile}): a row
   * BigQuery refuses is dead-lettered as BigQueryIO hands it back, the row it sent.
   */
  public static WriteWithDeadLetters ofTypedFileRows(WriteSettings settings) {
    return new WriteWithDeadLetters(settings, false, null, null);
  }

  /**
   * This writer, for rows of file records that {@code rereader} can read again: on the Storage
   * Write API such a row keeps only its record's position for a refusal, and a refused record's
   * payload is read again from its file ({@link RefusedRowOrigin}). For batch reads of files that
   * stay as they are while the job runs.
   */
  public WriteWithDeadLetters rereadingRefusedRecordsWith(RecordRereader rereader) {
    return new WriteWithDeadLetters(settings, rowsCarryRecords, rereader, schemas);
  }

  /**
   * This writer, creating or loading the output table with the schema in {@code view} (table spec →
   * schema JSON), worked out while the job runs ({@code autoMapTables}), instead of the launch
   * schema.
   */
  public WriteWithDeadLetters withSchemaFrom(PCollectionView<Map<String, String>> view) {
    return new WriteWithDeadLetters(settings, rowsCarryRecords, rereader, view);
  }

  @Override
  public PDone expand(PCollectionTuple input) {
    PipelineOptions options = input.getPipeline().getOptions();
    if (settings.widensTableFirst()) {
      TableWidening.apply(options, settings);
    }
    BigQueryIO.Write<OutputRow> rowsWrite = rowsWrite(options);
    WriteResult written =
        input
            .get(ROWS)
            .apply(
                "WriteRows",
                schemas != null
                    ? rowsWrite.withSchemaFromView(schemas)
                    : settings.tablesGiveSchemas()
                        ? rowsWrite // BigQueryIO reads each table's schema itself
                        : rowsWrite.withJsonSchema(schema()));

    PCollectionList<FailedRecord> failures = PCollectionList.of(input.get(FAILURES));
    if (settings.usesStorageWriteApi()) {
      failures =
          failures.and(
              written.getFailedStorageApiInserts().apply("RejectedByBigQuery", refusals()));
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

  /** The dead letters of refused rows, which also say what each row must keep for them. */
  private RefusedRowsToDeadLetters refusals() {
    return new RefusedRowsToDeadLetters(settings.schemaJson(), rowsCarryRecords, rereader);
  }

  private String schema() {
    return settings.schemaJson();
  }

  private BigQueryIO.Write<OutputRow> rowsWrite(PipelineOptions options) {
    BigQueryIO.Write<OutputRow> write =
        common(OutputRowFormat.write(settings, refusals().keep()), options)
            .withCreateDisposition(
                // No table is made without its schema: a row for a missing one is a dead letter.
                settings.tablesGiveSchemas()
                    ? CreateDisposition.CREATE_NEVER
                    : settings.createDisposition())
            .withWriteDisposition(settings.writeDisposition());
    if (settings.routesRows()) {
      // BigQueryIO takes the partitioning of routed tables from each destination only.
      write = write.to(new RoutedTables(settings.routing(), settings.timePartitioning()));
    } else {
      write = write.to(settings.destination());
      if (settings.timePartitioning() != null) {
        write = write.withTimePartitioning(settings.timePartitioning());
      }
    }
    if (settings.clustering() != null) {
      write = write.withClustering(settings.clustering());
    }
    if (settings.method() == Method.FILE_LOADS && !settings.schemaUpdates().isEmpty()) {
      write = write.withSchemaUpdateOptions(settings.schemaUpdates());
    }
    if (settings.followsTableSchema()) {
      // BigQueryIO's writer takes new columns only with ignoreUnknownValues; the conversion,
      // against the schema FollowedTableSchema reads, has already dead-lettered unknown fields.
      return write.withAutoSchemaUpdate(true).ignoreUnknownValues();
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
