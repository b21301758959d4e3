package io.bqflex.bench;

import io.bqflex.local.LocalRun;
import io.bqflex.local.LocalRunResult;
import io.bqflex.pipeline.Template;
import io.bqflex.templates.GcsCsvToBigQuery;
import io.bqflex.templates.GcsJsonToBigQuery;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the same generated rows, as a CSV file and as JSON lines, through each template's local run
 * (what {@code bqflex run <id> --local} does) and through {@link MinimalPipeline}, in one JVM, one
 * after the other. Before the measured runs, a smaller warm-up round lets the JIT compile the code
 * both sides share.
 */
final class EndToEndBench {
  private static final String DATASET = "bench-project:bench.";

  private final Path dir;
  private final int rows;
  private final int warmupRows;
  private final PrintStream console;

  /**
   * @param warmupRows rows of the warm-up round; 0 for none
   * @param console where the local runs print their progress
   */
  EndToEndBench(Path dir, int rows, int warmupRows, PrintStream console) {
    this.dir = dir;
    this.rows = rows;
    this.warmupRows = warmupRows;
    this.console = console;
  }

  /** The measured runs, named e2e_csv_ours, e2e_csv_minimal, e2e_json_ours, e2e_json_minimal. */
  Map<String, EndToEndFigure> run() throws Exception {
    if (warmupRows > 0) {
      runAll("warmup", warmupRows);
    }
    return runAll("measured", rows);
  }

  private Map<String, EndToEndFigure> runAll(String round, int count) throws Exception {
    Path roundDir = Files.createDirectories(dir.resolve(round));
    Path csv = roundDir.resolve("orders.csv");
    Path json = roundDir.resolve("orders.json");
    Path schema = roundDir.resolve("schema.json");
    console.printf("Writing %,d rows to %s and %s%n", count, csv, json);
    BenchRows.writeFiles(count, csv, json, schema);

    Map<String, EndToEndFigure> figures = new LinkedHashMap<>();
    // Each load writes its own table: BigQueryIO caches per destination for the JVM's lifetime.
    String csvMinimal = DATASET + "csv_minimal_" + round;
    figures.put(
        "e2e_csv_minimal", measured(() -> MinimalPipeline.loadCsv(csv, csvMinimal, roundDir)));
    Map<String, String> csvParameters =
        Map.of(
            "inputFilePattern",
            csv.toString(),
            "JSONPath",
            schema.toString(),
            "outputTable",
            DATASET + "csv_ours_" + round,
            "containsHeaders",
            "true");
    figures.put(
        "e2e_csv_ours",
        measured(() -> local(new GcsCsvToBigQuery(), csvParameters, roundDir.resolve("csv-ours"))));
    String jsonMinimal = DATASET + "json_minimal_" + round;
    figures.put(
        "e2e_json_minimal", measured(() -> MinimalPipeline.loadJson(json, jsonMinimal, roundDir)));
    Map<String, String> jsonParameters =
        Map.of(
            "inputFilePattern", json.toString(),
            "JSONPath", schema.toString(),
            "outputTable", DATASET + "json_ours_" + round);
    figures.put(
        "e2e_json_ours",
        measured(
            () -> local(new GcsJsonToBigQuery(), jsonParameters, roundDir.resolve("json-ours"))));
    return figures;
  }

  private EndToEndFigure local(Template<?> template, Map<String, String> parameters, Path runDir)
      throws Exception {
    LocalRunResult result = new LocalRun(template, parameters, runDir, console).execute();
    Long inTable = result.tableRows().get(parameters.get("outputTable"));
    return new EndToEndFigure(
        result.counts().read(), result.seconds(), inTable == null ? -1 : inTable);
  }

  /** Runs one load after a collection, so garbage of the previous load is not charged to it. */
  private EndToEndFigure measured(Load load) throws Exception {
    System.gc();
    EndToEndFigure figure = load.run();
    console.printf(
        "  %,d records in %.1f s: %,.0f records/s%n",
        figure.records(), figure.seconds(), figure.rate().perSecond());
    return figure;
  }

  private interface Load {
    EndToEndFigure run() throws Exception;
  }
}
