package io.bqflex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The benchmark of issues 4 and 11, run by {@code mvn -B -Pbench test-compile exec:exec} (see the
 * README's Benchmarks section). Writes {@code <dir>/summary.json}.
 *
 * <p>Arguments: {@code <dir> [<rows> [<jmh warm-up iterations> [<jmh measured iterations>]]]}.
 * System properties (the {@code bench} profile passes them on): {@code bench.parts} (any of
 * props,split,small,e2e,jmh, or all), {@code bench.splitSeeds}, {@code bench.splitMb}, {@code
 * bench.splitRangeMb}, {@code bench.splitRounds}, {@code bench.smallFiles}.
 */
public final class BenchMain {
  /** Held so the setting is not garbage-collected with the logger. */
  private static final Logger BEAM_LOG = Logger.getLogger("org.apache.beam");

  /** The end-to-end warm-up round: enough for the JIT, small next to the measured round. */
  private static final int WARMUP_ROWS = 20_000;

  /** The small-files warm-up round. */
  private static final int WARMUP_FILES = 500;

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Set<BenchParts> parts = BenchParts.parse(System.getProperty("bench.parts", "all"));
    int seeds = Integer.getInteger("bench.splitSeeds", 2000);
    long splitBytes = Long.getLong("bench.splitMb", 1024) * SplitReadBench.MIB;
    long rangeBytes = Long.getLong("bench.splitRangeMb", 8) * SplitReadBench.MIB;
    int splitRounds = Integer.getInteger("bench.splitRounds", 2);
    int smallFiles = Integer.getInteger("bench.smallFiles", 10_000);
    // Beam logs every bundle and load job at INFO, which buries the progress lines.
    BEAM_LOG.setLevel(Level.WARNING);
    Files.createDirectories(dir);
    long start = System.nanoTime();

    Map<String, Object> run = new LinkedHashMap<>();
    run.put("parts", parts.toString().toLowerCase(java.util.Locale.ROOT));
    run.put("cores", Runtime.getRuntime().availableProcessors());
    run.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    run.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    run.put("heap_max_mb", Runtime.getRuntime().maxMemory() >> 20);
    run.put("note", "ratios compare figures of this run only; other work shared the machine");
    Path summaryFile = dir.resolve("summary.json");
    Results results = new Results(run, summaryFile);

    if (parts.contains(BenchParts.PROPS)) {
      System.out.printf("Property tests: Split*PropertyTest with %,d seeds%n", seeds);
      PropertyTestRun.Outcome outcome = PropertyTestRun.run(seeds);
      results.propertyTests = outcome;
      results.write();
      System.out.printf(
          "  %d found, %d passed, %d failed in %.1f s%n",
          outcome.found(), outcome.passed(), outcome.failed(), outcome.seconds());
      if (!outcome.passedAll()) {
        throw new IllegalStateException(
            "SPLIT PROPERTY TESTS FAILED ("
                + outcome.failed()
                + " of "
                + outcome.found()
                + "), no figures taken; see "
                + summaryFile
                + ":\n  "
                + String.join("\n  ", outcome.failures()));
      }
    }
    if (parts.contains(BenchParts.SPLIT)) {
      results.splitRead =
          new SplitReadBench(dir.resolve("split"), splitBytes, rangeBytes, splitRounds, System.out)
              .run();
      run.put("split_file_mb", splitBytes / SplitReadBench.MIB);
      run.put("split_range_mb", rangeBytes / SplitReadBench.MIB);
      run.put(
          "split_harness",
          "SplitRead: ranges scanned, then spans read and converted, on a thread pool");
      results.write();
    }
    if (parts.contains(BenchParts.SMALL)) {
      int warmup = Math.min(WARMUP_FILES, smallFiles / 10);
      results.smallFiles =
          new SmallFilesBench(dir.resolve("small"), smallFiles, warmup, System.out).run();
      run.put("small_files_events_per_file", SmallFilesBench.EVENTS_PER_FILE);
      results.write();
    }
    if (parts.contains(BenchParts.E2E)) {
      results.endToEnd.putAll(
          new EndToEndBench(
                  dir.resolve("e2e"), rows, rows > WARMUP_ROWS ? WARMUP_ROWS : 0, System.out)
              .run());
      run.put("e2e_rows", rows);
      run.put("e2e_direct_runner_checks", "immutability and encodability off on both sides");
      results.write();
    }
    if (parts.contains(BenchParts.JMH)) {
      results.perRecord.putAll(new JmhRuns(warmups, iterations, dir).run());
      run.put("jmh", "1 fork, " + warmups + " x 2 s warm-up, " + iterations + " x 2 s measured");
    }

    run.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    run.put("minutes", Math.round((System.nanoTime() - start) / 6e9) / 10.0);
    results.write();
    System.out.println(Files.readString(summaryFile));
    System.out.println("Written to " + summaryFile);
  }

  /**
   * The figures so far, written to {@code summary.json} after every part: a part that fails late (a
   * JMH lock, a full disk) leaves the figures of the parts before it.
   */
  private static final class Results {
    final Map<String, Figure> perRecord = new LinkedHashMap<>();
    final Map<String, EndToEndFigure> endToEnd = new LinkedHashMap<>();
    final Map<String, Object> run;
    final Path file;
    PropertyTestRun.Outcome propertyTests;
    SplitReadFigure splitRead;
    SmallFilesFigure smallFiles;

    Results(Map<String, Object> run, Path file) {
      this.run = run;
      this.file = file;
    }

    void write() throws IOException {
      new BenchSummary(perRecord, endToEnd, run)
          .withPropertyTests(propertyTests)
          .withSplitRead(splitRead)
          .withSmallFiles(smallFiles)
          .writeTo(file);
    }
  }
}
