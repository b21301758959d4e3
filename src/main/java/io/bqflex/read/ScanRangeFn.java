package io.bqflex.read;

import java.io.IOException;
import java.io.InputStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Scans one range of a file for where its format's units start, keyed by the file. */
final class ScanRangeFn extends DoFn<ByteRange, KV<String, RangeSummary>> {
  private final FileFormat format;
  private transient BoundaryMachine machine;

  ScanRangeFn(FileFormat format) {
    this.format = format;
  }

  @Setup
  public void setup() {
    machine = format.boundaries();
  }

  @ProcessElement
  public void processElement(@Element ByteRange range, OutputReceiver<KV<String, RangeSummary>> out)
      throws IOException {
    // A file that cannot be opened, or has changed since it was matched, throws: the runner
    // retries, and then fails the job naming it.
    try (InputStream bytes = FileBytes.openAt(range.file(), range.scanFrom(), range.fileSize())) {
      out.output(KV.of(range.file(), RangeScanner.scan(machine, range, bytes)));
    }
  }
}
