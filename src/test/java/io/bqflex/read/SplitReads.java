package io.bqflex.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test helper: a file's records read whole, and read split into ranges of a given size the way the
 * pipeline does it (scan every range, plan the spans, read each span from its start byte), without
 * a pipeline, so property tests can try thousands of files and range sizes.
 */
final class SplitReads {
  private static final String FILE = "file.csv";

  private SplitReads() {}

  /** One record as a reader gave it, comparable by value. */
  record Read(long number, String text, List<Byte> bytes, List<String> values, String failure) {
    static Read of(FileRecord r) {
      List<Byte> bytes = null;
      if (r.bytes() != null) {
        bytes = new ArrayList<>();
        for (byte b : r.bytes()) {
          bytes.add(b);
        }
      }
      return new Read(r.number(), r.text(), bytes, r.values(), r.failure());
    }
  }

  static List<Read> whole(byte[] file, FileFormat format) throws IOException {
    return reads(format.open(new ByteArrayInputStream(file)));
  }

  /**
   * The records of {@code file} read split into ranges of {@code rangeSize} bytes; the whole-file
   * read when the format does not split.
   */
  static List<Read> split(byte[] file, FileFormat format, long rangeSize) throws IOException {
    List<Read> out = new ArrayList<>();
    for (RecordSpan span : spans(file, format, rangeSize)) {
      InputStream bytes = new ByteArrayInputStream(file);
      bytes.skipNBytes(span.startByte());
      out.addAll(reads(format.open(bytes, span)));
    }
    return out;
  }

  /** The spans the planner gives for {@code file} in ranges of {@code rangeSize} bytes. */
  static List<RecordSpan> spans(byte[] file, FileFormat format, long rangeSize) throws IOException {
    BoundaryMachine machine = format.boundaries();
    if (machine == null) {
      return List.of(RecordSpan.whole(FILE, null, false));
    }
    int bodyStart = format.byteOrderMarkLength(Arrays.copyOf(file, Math.min(3, file.length)));
    List<RangeSummary> summaries = new ArrayList<>();
    for (ByteRange range : ByteRange.split(FILE, file.length, bodyStart, rangeSize)) {
      InputStream bytes = new ByteArrayInputStream(file);
      bytes.skipNBytes(range.scanFrom());
      summaries.add(RangeScanner.scan(machine, range, bytes));
    }
    return SpanPlanner.plan(FILE, machine, summaries);
  }

  private static List<Read> reads(FileRecordReader reader) throws IOException {
    List<Read> out = new ArrayList<>();
    for (FileRecord r : Records.all(reader)) {
      out.add(Read.of(r));
    }
    return out;
  }
}
