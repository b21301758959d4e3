package io.bqflex.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordCounts;
import io.bqflex.local.LocalBigQuery;
import io.bqflex.local.LocalRun;
import io.bqflex.local.LocalRunResult;
import io.bqflex.pipeline.Template;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions;

/** Runs a template's real pipeline locally and reads back the tables it left, for assertions. */
final class TemplateRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  final LocalRunResult result;
  final String console;
  private final Path dir;

  private TemplateRun(LocalRunResult result, String console, Path dir) {
    this.result = result;
    this.console = console;
    this.dir = dir;
  }

  static TemplateRun of(Template<?> template, Map<String, String> parameters, Path dir)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LocalRunResult result =
        new LocalRun(template, parameters, dir, new PrintStream(out, true, StandardCharsets.UTF_8))
            // Tests keep the runner's element checks: they catch a DoFn that changes its input.
            .checkingEveryElement()
            .execute();
    return new TemplateRun(result, out.toString(StandardCharsets.UTF_8), dir);
  }

  /**
   * Builds {@code template}'s pipeline with {@code options} and runs it to its end on {@code
   * datasets} (e.g. one told to refuse some rows), the fakes' static state reset by the caller.
   */
  static <O extends PipelineOptions> RunOnFakes runToEnd(
      Template<O> template, O options, FakeDatasetService datasets) throws Exception {
    LocalBigQuery bigQuery =
        LocalBigQuery.installInto(options, template.outputTables(options), datasets);
    Pipeline pipeline = Pipeline.create(options);
    template.build(pipeline, options);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return new RunOnFakes(RecordCounts.of(result), bigQuery);
  }

  /** What {@link #runToEnd} leaves: the run's counts and its in-process BigQuery. */
  record RunOnFakes(RecordCounts counts, LocalBigQuery bigQuery) {}

  /** The tables a finished run left in {@code dir}. */
  static TemplateRun reading(LocalRunResult result, String console, Path dir) {
    return new TemplateRun(result, console, dir);
  }

  /** The rows the run left in {@code table} (project:dataset.table), or none. */
  List<JsonNode> rows(String table) throws IOException {
    Path file = dir.resolve(table.replace(':', '.') + ".json");
    List<JsonNode> rows = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  JsonNode summary() throws IOException {
    return JSON.readTree(dir.resolve("summary.json").toFile());
  }

  /** A column of a row read from Beam's fake, which lower-cases Storage Write API rows' names. */
  static Object column(TableRow row, String name) {
    return row.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
