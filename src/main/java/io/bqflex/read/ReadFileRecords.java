package io.bqflex.read;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.SourceRecordCoder;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
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
 * Reads every file matching a pattern (a local path or {@code gs://...}, globs allowed) into one
 * {@link SourceRecord} per record, whose payload is the record's original text. Compressed files
 * are recognised by their extension and decompressed as Beam's TextIO does (see {@link
 * Decompression}).
 *
 * <p>What cannot be read goes to {@link Records#FAILURES} at {@link Stage#READ}, never dropped: a
 * record with bytes its charset cannot decode, the malformed rest of a CSV file, the unread rest of
 * a file that broke off (a corrupt gzip), a file that is not in the compression its name says. A
 * pattern that matches no file fails the job, naming the pattern.
 *
 * <p>Each file is read whole by one worker.
 */
public final class ReadFileRecords extends PTransform<PBegin, PCollectionTuple> {
  private static final TupleTag<SourceRecord> RECORDS = Records.RECORDS;
  private static final TupleTag<FailedRecord> FAILURES = Records.FAILURES;

  private final String filePattern;
  private final FileFormat format;

  private ReadFileRecords(String filePattern, FileFormat format) {
    this.filePattern = Objects.requireNonNull(filePattern, "filePattern");
    this.format = Objects.requireNonNull(format, "format");
  }

  public static ReadFileRecords from(String filePattern, FileFormat format) {
    return new ReadFileRecords(filePattern, format);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionTuple read =
        input
            .apply(
                "MatchFiles",
                FileIO.match()
                    .filepattern(filePattern)
                    .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
            .apply("OpenFiles", FileIO.readMatches())
            .apply(
                "ReadRecords",
                ParDo.of(new ReadEachFileFn(format))
                    .withOutputTags(RECORDS, TupleTagList.of(FAILURES)));
    read.get(RECORDS).setCoder(SourceRecordCoder.of());
    read.get(FAILURES).setCoder(FailedRecordCoder.of());
    return read;
  }

  /** Hands each file to its format's reader and sorts what comes back. */
  static final class ReadEachFileFn extends DoFn<FileIO.ReadableFile, SourceRecord> {
    private final Counter read = RecordCounters.counter(RecordCounters.READ);
    private final Counter cutShort = RecordCounters.counter(RecordCounters.FILES_CUT_SHORT);
    private final FileFormat format;

    ReadEachFileFn(FileFormat format) {
      this.format = format;
    }

    @ProcessElement
    public void processElement(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
        throws IOException {
      String source = file.getMetadata().resourceId().toString();
      // A file that cannot be opened throws: the runner retries, and then fails the job naming it.
      ReadableByteChannel raw = FileSystems.open(file.getMetadata().resourceId());
      InputStream bytes;
      try {
        bytes = Decompression.of(file, raw);
      } catch (IOException e) {
        // The file is there, but not in the compression its name says: one dead letter for it.
        raw.close();
        cutShort.inc();
        out.get(FAILURES).output(UnreadRest.of(source, 0, null, e));
        return;
      }
      try (FileRecordReader reader = format.open(bytes)) {
        long lastNumber = 0;
        try {
          for (FileRecord record = reader.next(); record != null; record = reader.next()) {
            lastNumber = record.number();
            read.inc();
            SourceRecord sourceRecord =
                SourceRecord.fromFile(record.text(), record.bytes(), source, record.number());
            if (record.isReadable()) {
              out.get(RECORDS).output(sourceRecord);
            } else {
              out.get(FAILURES)
                  .output(FailedRecord.of(sourceRecord, Stage.READ, record.failure(), null));
            }
          }
        } catch (IOException e) {
          // Mid-file, this is a broken file (a truncated or corrupt archive) more than a passing
          // fault: the records so far stand, and the loss of the rest is reported, not retried.
          cutShort.inc();
          out.get(FAILURES).output(UnreadRest.of(source, lastNumber, null, e));
        }
      }
    }
  }
}
