package io.bqflex.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The per-record and end-to-end benchmark of issue 4, run by {@code mvn -B -Pbench test-compile
 * exec:exec} (see the README's Benchmarks section). Writes {@code <dir>/summary.json}.
 *
 * <p>Arguments: {@code <dir> [<rows> [<jmh warm-up iterations> [<jmh measured iterations>]]]}.
 */
public final class BenchMain {
  /** Held so the setting is not garbage-collected with the logger. */
  private static final Logger BEAM_LOG = Logger.getLogger("org.apache.beam");

  /** The end-to-end warm-up round: enough for the JIT, small next to the measured round. */
  private static final int WARMUP_ROWS = 20_000;

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    // Beam logs every bundle and load job at INFO, which buries the progress lines.
    BEAM_LOG.setLevel(Level.WARNING);
    Files.createDirectories(dir);
    long start = System.nanoTime();

    Map<String, EndToEndFigure> endToEnd =
        new EndToEndBench(
                dir.resolve("e2e"), rows, rows > WARMUP_ROWS ? WARMUP_ROWS : 0, System.out)
            .run();
    Map<String, Figure> perRecord = new JmhRuns(warmups, iterations, dir).run();

    Map<String, Object> run = new LinkedHashMap<>();
    run.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    run.put("minutes", Math.round((System.nanoTime() - start) / 6e9) / 10.0);
    run.put("cores", Runtime.getRuntime().availableProcessors());
    run.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    run.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    run.put("e2e_rows", rows);
    run.put("e2e_heap_max_mb", Runtime.getRuntime().maxMemory() >> 20);
    run.put("jmh", "1 fork, " + warmups + " x 2 s warm-up, " + iterations + " x 2 s measured");
    run.put("note", "ratios compare figures of this run only; other work shared the machine");
    Path summary = dir.resolve("summary.json");
    new BenchSummary(perRecord, endToEnd, run).writeTo(summary);
    System.out.println(Files.readString(summary));
    System.out.println("Written to " + summary);
  }
}
