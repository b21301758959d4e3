package io.bqflex.bench;

import io.bqflex.local.LocalRun;
import io.bqflex.local.LocalRunResult;
import io.bqflex.templates.GcsJsonToBigQuery;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code small_files_cpu_ms_per_file}: many small JSON-lines files (a few order events each, about
 * 2 KB) loaded by {@code gcs-json-to-bigquery}'s local run, as {@link EndToEndBench} runs a
 * template; the process CPU time and the wall time of the whole run, per file. A smaller warm-up
 * run first, so the JIT's work is not charged to the measured one.
 */
final class SmallFilesBench {
  /** Order events per file: about 2 KB of JSON lines (each about 190 bytes). */
  static final int EVENTS_PER_FILE = 11;

  private static final String DATASET = "bench-project:bench.";

  private final Path dir;
  private final int files;
  private final int warmupFiles;
  private final PrintStream console;

  SmallFilesBench(Path dir, int files, int warmupFiles, PrintStream console) {
    this.dir = dir;
    this.files = files;
    this.warmupFiles = warmupFiles;
    this.console = console;
  }

  SmallFilesFigure run() throws Exception {
    if (warmupFiles > 0) {
      load("warmup", warmupFiles);
    }
    return load("measured", files);
  }

  private SmallFilesFigure load(String round, int count) throws Exception {
    Path input = writeFiles(dir.resolve("files-" + count), count);
    String table = DATASET + "small_files_" + round;
    Map<String, String> parameters =
        Map.of(
            "inputFilePattern", input.resolve("part-*.json").toString(),
            "JSONPath", input.resolve("schema.json").toString(),
            "outputTable", table);
    console.printf("Small files: loading %,d files of %s (%s)%n", count, input, round);
    System.gc();
    long cpu = ProcessCpu.nanos();
    long start = System.nanoTime();
    LocalRunResult result =
        new LocalRun(new GcsJsonToBigQuery(), parameters, dir.resolve("run-" + round), console)
            .execute();
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpuNanos = ProcessCpu.nanos() - cpu;
    Long inTable = result.tableRows().get(table);
    SmallFilesFigure figure =
        new SmallFilesFigure(
            count, result.counts().read(), inTable == null ? -1 : inTable, seconds, cpuNanos);
    long expected = (long) count * EVENTS_PER_FILE;
    if (figure.records() != expected || figure.rowsInTable() != expected) {
      throw new IllegalStateException(
          "Small files: "
              + expected
              + " events written, "
              + figure.records()
              + " read, "
              + figure.rowsInTable()
              + " in the table");
    }
    console.printf(
        "  %,d files in %.1f s: %.2f ms CPU and %.2f ms wall per file%n",
        count, seconds, figure.cpuMillisPerFile(), figure.wallMillisPerFile());
    return figure;
  }

  /**
   * {@code count} files {@code part-NNNNNN.json} of {@link #EVENTS_PER_FILE} events each, and the
   * schema beside them (outside the input pattern).
   */
  private static Path writeFiles(Path folder, int count) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("schema.json"), BenchRows.SCHEMA_JSON, StandardCharsets.UTF_8);
    BenchRows rows = new BenchRows();
    for (int i = 0; i < count; i++) {
      Path file = folder.resolve(String.format("part-%06d.json", i));
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (String line : rows.jsonLines(EVENTS_PER_FILE)) {
          out.write(line);
          out.newLine();
        }
      }
    }
    return folder;
  }
}
