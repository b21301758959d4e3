package io.bqflex.bench;

import io.bqflex.read.BoundaryMachine;
import io.bqflex.read.ByteRange;
import io.bqflex.read.LineBoundaries;
import io.bqflex.read.RangeScanner;
import io.bqflex.read.RangeSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The scan of split reading (issue 11): {@link RangeScanner} over one 64 MiB range held in memory,
 * the benchmark's JSON lines (about 270 bytes each) or CSV records one after another. A full pass
 * over a file's bytes before its records are parsed, so its speed is bytes per second: one
 * operation is 64 MiB, so MB/s is ops/s × 67.1.
 *
 * <p>Machines: {@code lineFeeds} and {@code anyLineEnd} are {@link LineBoundaries}' (one track once
 * the start states meet); {@code quoteToggle} is a toy CSV machine that keeps two tracks to the
 * range's end, as a CSV machine does (the tracks in and out of quotes never meet): states OUT and
 * IN, a quote toggles them, a line feed read OUT starts a unit. Run alone with JMH's command line;
 * not part of {@link JmhRuns}: after {@code mvn test-compile}, {@code java -cp
 * target/test-classes:target/classes:<test classpath> org.openjdk.jmh.Main RangeScanBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(java.util.concurrent.TimeUnit.SECONDS)
public class RangeScanBenchmark {
  static final int SIZE = 64 << 20;

  @Param({"lineFeeds", "anyLineEnd", "quoteToggle"})
  public String machine;

  @Param({"jsonLines", "csvRecords"})
  public String data;

  private BoundaryMachine boundaries;
  private byte[] bytes;
  private ByteRange range;

  @Setup
  public void setUp() {
    boundaries =
        switch (machine) {
          case "lineFeeds" -> LineBoundaries.atLineFeeds();
          case "anyLineEnd" -> LineBoundaries.atAnyLineEnd();
          case "quoteToggle" -> quoteToggle();
          default -> throw new IllegalArgumentException("no machine " + machine);
        };
    BenchRows rows = new BenchRows();
    String[] records =
        switch (data) {
          case "jsonLines" -> rows.jsonLines(4096);
          case "csvRecords" -> rows.csvRecords(4096);
          default -> throw new IllegalArgumentException("no data " + data);
        };
    bytes = repeatedTo(SIZE, records);
    range = new ByteRange("bench", bytes.length, 0, 0, 0, bytes.length);
  }

  @Benchmark
  public RangeSummary scan() throws IOException {
    return RangeScanner.scan(boundaries, range, new ByteArrayInputStream(bytes));
  }

  /** {@code records}, each ended by a line feed, over and over until {@code size} bytes. */
  private static byte[] repeatedTo(int size, String[] records) {
    StringBuilder text = new StringBuilder();
    for (String record : records) {
      text.append(record).append('\n');
    }
    byte[] once = text.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[size];
    for (int at = 0; at < size; at += once.length) {
      System.arraycopy(once, 0, bytes, at, Math.min(once.length, size - at));
    }
    return bytes;
  }

  /** Two states, OUT (0) and IN (1): a quote toggles them, a line feed read OUT starts a unit. */
  static BoundaryMachine quoteToggle() {
    int[] next = new int[2 * 256];
    boolean[] startsUnit = new boolean[2 * 256];
    for (int state = 0; state < 2; state++) {
      Arrays.fill(next, state * 256, state * 256 + 256, state);
      next[state * 256 + '"'] = 1 - state;
    }
    startsUnit['\n'] = true;
    return new BoundaryMachine(
        "quote toggle", 0, BoundaryMachine.NO_FAULT, next, startsUnit, new boolean[] {true, false});
  }
}
