package io.bqflex.read;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Chains the range summaries of one file into the spans its workers read ({@link SpanPlanner}). A
 * file the planner reads whole after all (a fault in its format) is larger than a range, so its
 * records are spread after the read.
 */
final class PlanSpansFn extends DoFn<KV<String, Iterable<RangeSummary>>, PlannedSpan> {
  private final FileFormat format;
  private transient BoundaryMachine machine;

  PlanSpansFn(FileFormat format) {
    this.format = format;
  }

  @Setup
  public void setup() {
    machine = format.boundaries();
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Iterable<RangeSummary>> file, OutputReceiver<PlannedSpan> out) {
    List<RangeSummary> summaries = new ArrayList<>();
    file.getValue().forEach(summaries::add);
    long size = summaries.get(0).range().fileSize();
    for (RecordSpan span : SpanPlanner.plan(file.getKey(), machine, summaries)) {
      RecordSpan planned =
          span.isWholeFile() ? RecordSpan.whole(span.file(), Compression.UNCOMPRESSED, true) : span;
      out.output(new PlannedSpan(planned, size));
    }
  }
}
