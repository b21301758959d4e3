package io.bqflex.read;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.RecordRereader;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.SourceRecordCoder;
import io.bqflex.core.Stage;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
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
 * pattern that matches no file fails the job, naming the pattern; so does a file that changes while
 * it is read in ranges ({@link FileChangedException}).
 *
 * <p>The work is shared out as Beam's TextIO shares it: an uncompressed file larger than one range
 * (8 MiB) in a format that splits ({@link FileFormat#boundaries()}) is cut into byte ranges of at
 * most that size and about equal, which many workers scan for where their records start; the
 * ranges' summaries, chained per file, give each worker the records it reads, so every record is
 * read once and has the source and record number a whole-file read gives it. Other files are read
 * whole by one worker each (many small files are spread over the workers), and the records of a
 * large one (compressed, or in a format that does not split) are spread to other workers after the
 * read.
 *
 * <pre>
 * MatchFiles → SpreadFiles → PlanReads ─ whole spans ─────────────────────────────────┐
 *                                      └ ranges → SpreadRanges → ScanRanges           │
 *                                        → SummariesByFile → PlanSpans → SpreadSpans ─┴→ ReadSpans
 * ReadSpans ─ records ──────────────────────────────────┬→ RECORDS
 *           └ records of large whole files → SpreadRecords ┘
 *           └ dead letters → FAILURES
 * </pre>
 */
public final class ReadFileRecords extends PTransform<PBegin, PCollectionTuple> {
  /**
   * Smaller than the 64 MB bundles of Beam's TextIO.readFiles(): Dataflow splits those further as
   * it goes (dynamic work rebalancing), while these ranges are fixed when the file is planned, so
   * they must be small enough to share out evenly from the start. An 8 MiB range is a few seconds
   * of one core's work and costs two reads of the object (scan, then read) and one shuffle element.
   * Measured on the DirectRunner (2 cores, an 87 MB CSV file): 86 s with 8 MiB ranges against 137 s
   * with two ranges of 43.5 MB, since with few long bundles the runner's idle threads spin.
   */
  static final long DEFAULT_RANGE_SIZE = 8L << 20;

  private static final SerializableCoder<PlannedSpan> SPAN_CODER =
      SerializableCoder.of(PlannedSpan.class);

  private final String filePattern;
  private final FileFormat format;
  private final long rangeSize;

  private ReadFileRecords(String filePattern, FileFormat format, long rangeSize) {
    this.filePattern = Objects.requireNonNull(filePattern, "filePattern");
    this.format = Objects.requireNonNull(format, "format");
    if (rangeSize <= 0) {
      throw new IllegalArgumentException("rangeSize must be positive: " + rangeSize);
    }
    this.rangeSize = rangeSize;
  }

  public static ReadFileRecords from(String filePattern, FileFormat format) {
    return new ReadFileRecords(filePattern, format, DEFAULT_RANGE_SIZE);
  }

  /**
   * Reads records of this read's files again by number, as this read gives them: for a later step
   * that needs a record's payload back (a row the Storage Write API refuses).
   */
  public RecordRereader rereader() {
    return new FileRecordRereader(format);
  }

  /** The same read with ranges of {@code bytes} bytes, so tests can split small files. */
  ReadFileRecords withRangeSize(long bytes) {
    return new ReadFileRecords(filePattern, format, bytes);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionTuple planned =
        input
            .apply("MatchFiles", new MatchFiles(filePattern))
            .apply("SpreadFiles", Spread.toWorkers())
            .apply(
                "PlanReads",
                ParDo.of(new PlanReadsFn(format, rangeSize))
                    .withOutputTags(PlanReadsFn.WHOLE, TupleTagList.of(PlanReadsFn.RANGES)));
    PCollection<PlannedSpan> splitSpans =
        planned
            .get(PlanReadsFn.RANGES)
            .setCoder(SerializableCoder.of(ByteRange.class))
            .apply("SpreadRanges", Spread.toWorkers())
            .apply("ScanRanges", ParDo.of(new ScanRangeFn(format)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RangeSummaryCoder.of()))
            .apply("SummariesByFile", GroupByKey.create())
            .apply("PlanSpans", ParDo.of(new PlanSpansFn(format)))
            .setCoder(SPAN_CODER)
            .apply("SpreadSpans", Spread.toWorkers());
    PCollectionTuple read =
        PCollectionList.of(planned.get(PlanReadsFn.WHOLE).setCoder(SPAN_CODER))
            .and(splitSpans)
            .apply("AllSpans", Flatten.pCollections())
            .apply(
                "ReadSpans",
                ParDo.of(new ReadSpanFn(format))
                    .withOutputTags(
                        ReadSpanFn.RECORDS,
                        TupleTagList.of(ReadSpanFn.FAILURES).and(ReadSpanFn.TO_SPREAD)));
    PCollection<SourceRecord> spread =
        read.get(ReadSpanFn.TO_SPREAD)
            .setCoder(SourceRecordCoder.of())
            .apply("SpreadRecords", Spread.toWorkers());
    PCollection<SourceRecord> records =
        PCollectionList.of(read.get(ReadSpanFn.RECORDS).setCoder(SourceRecordCoder.of()))
            .and(spread)
            .apply("Records", Flatten.pCollections());
    PCollection<FailedRecord> failures =
        read.get(ReadSpanFn.FAILURES).setCoder(FailedRecordCoder.of());
    return PCollectionTuple.of(Records.RECORDS, records).and(Records.FAILURES, failures);
  }
}
