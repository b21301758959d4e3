package io.bqflex.read;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.OutputRow;
import io.bqflex.core.OutputRowCoder;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.RecordException;
import io.bqflex.core.Records;
import io.bqflex.core.RowCheck;
import io.bqflex.core.Stage;
import io.bqflex.rows.TypedRowConverter;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads every binary file (Avro, Parquet) matching a pattern and converts each record to a row
 * where it is read: typed values go straight from the file's reader to the converter, never through
 * text, and a record is re-encoded only when it fails (for its dead letter). Gives the tuple {@link
 * Records#ROWS} and {@link Records#FAILURES} that the writer takes.
 *
 * <p>Nothing is dropped: a record the reader cannot give as the table needs it fails at {@link
 * Stage#READ}, one the converter or a row check refuses at its stage, and a file that breaks off
 * (or has no readable header or footer) leaves one READ dead letter for its unread rest, naming the
 * file and where reading stopped; the job goes on. A pattern that matches no file fails the job.
 *
 * @param <R> the format's record type
 */
public final class ReadTypedFiles<R> extends PTransform<PBegin, PCollectionTuple> {
  private static final TupleTag<OutputRow> ROWS = Records.ROWS;
  private static final TupleTag<FailedRecord> FAILURES = Records.FAILURES;

  private final String filePattern;
  private final TypedFileFormat<R> format;
  private final TypedRowConverter<R> converter;
  private final RowCheck rowCheck;

  private ReadTypedFiles(
      String filePattern,
      TypedFileFormat<R> format,
      TypedRowConverter<R> converter,
      RowCheck rowCheck) {
    this.filePattern = Objects.requireNonNull(filePattern, "filePattern");
    this.format = Objects.requireNonNull(format, "format");
    this.converter = Objects.requireNonNull(converter, "converter");
    this.rowCheck = Objects.requireNonNull(rowCheck, "rowCheck");
  }

  /** Reads the files matching {@code filePattern} in {@code format}, converting with {@code to}. */
  public static <R> ReadTypedFiles<R> from(
      String filePattern, TypedFileFormat<R> format, TypedRowConverter<R> converter) {
    return new ReadTypedFiles<>(filePattern, format, converter, RowCheck.NONE);
  }

  /** Checks each converted row with {@code check} (the writer's checks) before it goes on. */
  public ReadTypedFiles<R> checkedBy(RowCheck check) {
    return new ReadTypedFiles<>(filePattern, format, converter, check);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionTuple out =
        input
            .apply(
                "MatchFiles",
                FileIO.match()
                    .filepattern(filePattern)
                    .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
            .apply(
                "OpenFiles",
                // Binary formats compress inside the file (Avro blocks, Parquet pages): a name
                // such as .avro.gz is opened as it is and fails as not in the format, one dead
                // letter, instead of a channel that cannot seek.
                FileIO.readMatches().withCompression(Compression.UNCOMPRESSED))
            .apply(
                "ReadAndConvert",
                ParDo.of(new ReadAndConvertFn<>(format, converter, rowCheck))
                    .withOutputTags(ROWS, TupleTagList.of(FAILURES)));
    out.get(ROWS).setCoder(OutputRowCoder.of());
    out.get(FAILURES).setCoder(FailedRecordCoder.of());
    return out;
  }

  private static final class ReadAndConvertFn<R> extends DoFn<FileIO.ReadableFile, OutputRow> {
    private final Counter read = RecordCounters.counter(RecordCounters.READ);
    private final Counter written = RecordCounters.counter(RecordCounters.WRITTEN);
    private final Counter cutShort = RecordCounters.counter(RecordCounters.FILES_CUT_SHORT);
    private final TypedFileFormat<R> format;
    private final TypedRowConverter<R> converter;
    private final RowCheck rowCheck;

    ReadAndConvertFn(TypedFileFormat<R> format, TypedRowConverter<R> converter, RowCheck rowCheck) {
      this.format = format;
      this.converter = converter;
      this.rowCheck = rowCheck;
    }

    @ProcessElement
    public void processElement(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
        throws IOException {
      String source = file.getMetadata().resourceId().toString();
      // A file that cannot be opened throws: the runner retries, and then fails the job naming it.
      SeekableByteChannel channel = file.openSeekable();
      TypedRecordReader<R> reader;
      try {
        reader = format.open(channel, source);
      } catch (IOException e) {
        // The channel opened, so the file is there: it is not in the format, or broken at its
        // header or footer. Retrying cannot help; the file is one dead letter.
        channel.close();
        cutShort.inc();
        out.get(FAILURES).output(UnreadRest.of(source, 0, null, e));
        return;
      }
      try (TypedRecordReader<R> records = reader) {
        long lastNumber = 0;
        try {
          for (TypedRecord<R> record = records.next(); record != null; record = records.next()) {
            lastNumber = record.number();
            read.inc();
            if (!record.isReadable()) {
              out.get(FAILURES)
                  .output(failed(records, record, source, Stage.READ, record.failure(), null));
              continue;
            }
            try {
              TableRow row = converter.toRow(record.value());
              rowCheck.check(row);
              written.inc();
              out.get(ROWS).output(OutputRow.fromTypedFile(row, source, record.number()));
            } catch (RecordException e) {
              out.get(FAILURES)
                  .output(failed(records, record, source, e.stage(), e.getMessage(), null));
            } catch (RuntimeException e) {
              // A bug or an unforeseen value must cost one record, not the job: keep the stack.
              out.get(FAILURES)
                  .output(
                      failed(records, record, source, Stage.CONVERT, "unexpected error: " + e, e));
            }
          }
        } catch (IOException e) {
          // A broken block or row group: the records so far stand, the rest is reported once.
          cutShort.inc();
          out.get(FAILURES).output(UnreadRest.of(source, lastNumber, records.position(), e));
        }
      }
    }

    private static <R> FailedRecord failed(
        TypedRecordReader<R> reader,
        TypedRecord<R> record,
        String source,
        Stage stage,
        String message,
        Throwable unexpected) {
      return new FailedRecord(
          System.currentTimeMillis(),
          reader.readableText(record.value()),
          reader.originalBytes(record.value()),
          stage,
          message,
          unexpected == null ? null : FailedRecord.stackTraceOf(unexpected),
          source,
          record.number(),
          null,
          null);
    }
  }
}
