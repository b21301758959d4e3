package io.bqflex.read;

import io.bqflex.core.RecordCounters;
import java.io.IOException;
import java.io.InputStream;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Decides how each matched file is read: whole, as one span, or in byte ranges that many workers
 * scan for where their records start.
 *
 * <p>A file is read whole when it fits in one range, when it is compressed (a compressed stream
 * cannot be entered mid-way), when its format does not split ({@link FileFormat#boundaries()} is
 * null), or when its file system cannot seek cheaply. A large file read whole has its records
 * spread to other workers after the read: one worker reads it, many convert and write.
 */
final class PlanReadsFn extends DoFn<MatchResult.Metadata, PlannedSpan> {
  static final TupleTag<PlannedSpan> WHOLE = new TupleTag<>() {};
  static final TupleTag<ByteRange> RANGES = new TupleTag<>() {};

  /** Text compresses about 8 to 1: a compressed file's size times this is its text's size. */
  private static final int COMPRESSION_RATIO = 8;

  /**
   * A file read whole has its records spread when its text is larger than this many ranges (64 MiB
   * by default): spreading costs a shuffle of every record, which pays only where one file is far
   * more work than the others; many mid-sized files already spread over workers by file.
   */
  private static final int SPREAD_ABOVE_RANGES = 8;

  private static final int BYTE_ORDER_MARK_MAX = 3;

  private final Counter split = RecordCounters.counter(RecordCounters.FILES_SPLIT);
  private final Counter spread = RecordCounters.counter(RecordCounters.FILES_SPREAD);
  private final FileFormat format;
  private final long rangeSize;
  private transient boolean splits;

  PlanReadsFn(FileFormat format, long rangeSize) {
    this.format = format;
    this.rangeSize = rangeSize;
  }

  @Setup
  public void setup() {
    splits = format.boundaries() != null;
  }

  @ProcessElement
  public void processElement(@Element MatchResult.Metadata file, MultiOutputReceiver out)
      throws IOException {
    String name = file.resourceId().toString();
    long size = file.sizeBytes();
    Compression compression = Decompression.detect(name);
    boolean compressed = compression != Compression.UNCOMPRESSED;
    if (compressed || !splits || !file.isReadSeekEfficient() || size <= rangeSize) {
      long textSize = compressed ? size * COMPRESSION_RATIO : size;
      boolean large = textSize > rangeSize * SPREAD_ABOVE_RANGES;
      if (large) {
        spread.inc();
      }
      out.get(WHOLE).output(new PlannedSpan(RecordSpan.whole(name, compression, large), size));
      return;
    }
    split.inc();
    long bodyStart = byteOrderMarkLength(name, size);
    for (ByteRange range : ByteRange.splitEvenly(name, size, bodyStart, rangeSize)) {
      out.get(RANGES).output(range);
    }
  }

  private long byteOrderMarkLength(String file, long size) throws IOException {
    try (InputStream bytes = FileBytes.openAt(file, 0, size)) {
      return format.byteOrderMarkLength(bytes.readNBytes(BYTE_ORDER_MARK_MAX));
    }
  }
}
