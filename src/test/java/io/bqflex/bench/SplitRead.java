package io.bqflex.bench;

import io.bqflex.core.RecordException;
import io.bqflex.read.BoundaryMachine;
import io.bqflex.read.ByteRange;
import io.bqflex.read.FileFormat;
import io.bqflex.read.FileRecord;
import io.bqflex.read.FileRecordReader;
import io.bqflex.read.RangeScanner;
import io.bqflex.read.RangeSummary;
import io.bqflex.read.RecordSpan;
import io.bqflex.read.SpanPlanner;
import io.bqflex.rows.PayloadFormat;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One file read split, the way the pipeline reads a large file, on a pool of threads in place of
 * workers: the file cut into {@link ByteRange}s, every range scanned for record starts ({@link
 * RangeScanner}) in parallel, the ranges chained ({@link SpanPlanner}), then every span read from
 * its start byte and each record converted to a row in parallel, as the template converts it. No
 * Beam runner: what is measured is the reading and converting, and how it spreads over threads.
 */
final class SplitRead {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Path file;
  private final FileFormat format;
  private final Supplier<PayloadFormat> converters;
  private final long rangeSize;

  /**
   * @param converters a new converter for each thread ({@link PayloadFormat}s are not thread-safe)
   */
  SplitRead(Path file, FileFormat format, Supplier<PayloadFormat> converters, long rangeSize) {
    this.file = file;
    this.format = format;
    this.converters = converters;
    this.rangeSize = rangeSize;
  }

  /** One read of the file with {@code threads} threads. */
  record Result(
      int threads,
      long bytes,
      int ranges,
      int spans,
      long records,
      long rows,
      long failed,
      double scanSeconds,
      double readSeconds,
      long processCpuNanos,
      long workerCpuNanos) {
    double seconds() {
      return scanSeconds + readSeconds;
    }
  }

  Result run(int threads) throws IOException, InterruptedException {
    BoundaryMachine machine = format.boundaries();
    if (machine == null) {
      throw new IllegalStateException(
          "The split benchmark's format does not split: " + format.whyReadWhole());
    }
    long size = Files.size(file);
    byte[] head = new byte[3];
    int headLength;
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      headLength = Math.max(0, in.readNBytes(head, 0, head.length));
    }
    int bodyStart = format.byteOrderMarkLength(Arrays.copyOf(head, headLength));
    List<ByteRange> ranges = ByteRange.splitEvenly(file.toString(), size, bodyStart, rangeSize);

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ThreadLocal<PayloadFormat> converter = ThreadLocal.withInitial(converters);
    long cpuBefore = ProcessCpu.nanos();
    try {
      long start = System.nanoTime();
      List<Callable<Work<RangeSummary>>> scans = new ArrayList<>();
      for (ByteRange range : ranges) {
        scans.add(() -> timed(() -> scan(machine, range)));
      }
      List<Work<RangeSummary>> scanned = all(pool, scans);
      List<RangeSummary> summaries = new ArrayList<>();
      scanned.forEach(w -> summaries.add(w.value()));
      List<RecordSpan> spans = SpanPlanner.plan(file.toString(), machine, summaries);
      if (ranges.size() > 1 && spans.size() == 1 && spans.get(0).isWholeFile()) {
        throw new IllegalStateException(
            "The planner fell back to reading "
                + file
                + " whole (its chain reached a fault or ended where the file cannot end)");
      }
      long scannedAt = System.nanoTime();

      List<Callable<Work<Counts>>> reads = new ArrayList<>();
      for (RecordSpan span : spans) {
        reads.add(() -> timed(() -> read(span, converter.get())));
      }
      List<Work<Counts>> read = all(pool, reads);
      long end = System.nanoTime();

      Counts total = new Counts(0, 0, 0);
      long workerCpu = 0;
      for (Work<RangeSummary> w : scanned) {
        workerCpu += w.cpuNanos();
      }
      for (Work<Counts> w : read) {
        total = total.plus(w.value());
        workerCpu += w.cpuNanos();
      }
      return new Result(
          threads,
          size,
          ranges.size(),
          spans.size(),
          total.records(),
          total.rows(),
          total.failed(),
          (scannedAt - start) / 1e9,
          (end - scannedAt) / 1e9,
          ProcessCpu.nanos() - cpuBefore,
          workerCpu);
    } finally {
      pool.shutdownNow();
    }
  }

  private RangeSummary scan(BoundaryMachine machine, ByteRange range) throws IOException {
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      in.getChannel().position(range.scanFrom());
      return RangeScanner.scan(machine, range, in);
    }
  }

  private Counts read(RecordSpan span, PayloadFormat converter) throws IOException {
    FileInputStream in = new FileInputStream(file.toFile());
    in.getChannel().position(span.startByte());
    long records = 0;
    long rows = 0;
    long failed = 0;
    try (FileRecordReader reader = format.open(in, span)) {
      for (FileRecord record = reader.next(); record != null; record = reader.next()) {
        records++;
        if (!record.isReadable()) {
          failed++;
          continue;
        }
        try {
          converter.toRow(record.text());
          rows++;
        } catch (RecordException e) {
          failed++;
        }
      }
    }
    return new Counts(records, rows, failed);
  }

  private record Counts(long records, long rows, long failed) {
    Counts plus(Counts other) {
      return new Counts(records + other.records, rows + other.rows, failed + other.failed);
    }
  }

  /** A task's result and the CPU time its thread spent on it. */
  private record Work<T>(T value, long cpuNanos) {}

  private interface Task<T> {
    T run() throws IOException;
  }

  private static <T> Work<T> timed(Task<T> task) throws IOException {
    long before = THREADS.getCurrentThreadCpuTime();
    T value = task.run();
    return new Work<>(value, THREADS.getCurrentThreadCpuTime() - before);
  }

  private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks)
      throws IOException, InterruptedException {
    List<T> results = new ArrayList<>();
    for (Future<T> future : pool.invokeAll(tasks)) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
    return results;
  }
}
