package io.bqflex.read;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads the records of one span with its format's reader and sorts what comes back: records, and
 * READ dead letters for what could not be read. Records of a span that asks for it go to {@link
 * #TO_SPREAD} instead, to be spread to other workers.
 */
final class ReadSpanFn extends DoFn<PlannedSpan, SourceRecord> {
  static final TupleTag<SourceRecord> RECORDS = Records.RECORDS;
  static final TupleTag<FailedRecord> FAILURES = Records.FAILURES;
  static final TupleTag<SourceRecord> TO_SPREAD = new TupleTag<>() {};

  private final Counter read = RecordCounters.counter(RecordCounters.READ);
  private final Counter cutShort = RecordCounters.counter(RecordCounters.FILES_CUT_SHORT);
  private final FileFormat format;

  ReadSpanFn(FileFormat format) {
    this.format = format;
  }

  @ProcessElement
  public void processElement(@Element PlannedSpan planned, MultiOutputReceiver out)
      throws IOException {
    RecordSpan span = planned.span();
    String source = span.file();
    InputStream bytes;
    if (span.isWholeFile()) {
      // A file that cannot be opened throws: the runner retries, and then fails the job naming it.
      ReadableByteChannel raw = FileBytes.open(source);
      try {
        bytes = Decompression.of(source, span.compression(), raw);
      } catch (IOException e) {
        // The file is there, but not in the compression its name says: one dead letter for it.
        raw.close();
        cutShort.inc();
        out.get(FAILURES).output(UnreadRest.of(source, 0, null, e));
        return;
      }
    } else {
      // So does one that changed since its ranges were planned: its spans no longer fit it.
      bytes = FileBytes.openAt(source, span.startByte(), planned.fileSize());
    }
    TupleTag<SourceRecord> records = span.spreadRecords() ? TO_SPREAD : RECORDS;
    try (FileRecordReader reader = format.open(bytes, span)) {
      long lastNumber = span.firstNumber() - 1;
      try {
        for (FileRecord record = reader.next(); record != null; record = reader.next()) {
          lastNumber = record.number();
          read.inc();
          SourceRecord sourceRecord = record.asSourceRecord(source);
          if (record.isReadable()) {
            out.get(records).output(sourceRecord);
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
