package io.bqflex.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.catalog.ParameterValidator;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.RecordCounts;
import io.bqflex.pipeline.Template;
import io.bqflex.write.BigQueryOutputOptions;
import io.bqflex.write.OutputSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Runs a template's own pipeline on the DirectRunner with in-process BigQuery, shows progress, and
 * leaves the tables and a {@code summary.json} in a directory.
 */
public final class LocalRun {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** How often a streaming run's stop condition is tested: a run stops soon after it holds. */
  private static final Duration POLL = Duration.ofMillis(500);

  /** How often progress is shown. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  private static final String TIMED_OUT = "TIMED_OUT";

  /** BigQueryIO's load files; empty once the loads are done, so removed after the run. */
  private static final String TEMP_FOLDER = "tmp";

  private final Template<?> template;
  private final Map<String, String> parameters;
  private final Path dir;
  private final PrintStream console;
  private List<String> pipelineArgs = List.of();
  private StopCondition stopWhen;
  private Duration timeout = Duration.ofHours(2);
  private AfterStart afterStart = () -> {};
  private boolean keepTables;
  private boolean checkEveryElement;

  /**
   * Whether {@link #validate} passed: its checks read the schema and look up the tables, so they
   * run once, though callers validate before starting an emulator and {@link #execute} validates
   * too.
   */
  private boolean validated;

  /** What to do once the pipeline runs, e.g. publish messages to a topic it now subscribes to. */
  @FunctionalInterface
  public interface AfterStart {
    void run() throws IOException, InterruptedException;
  }

  public LocalRun(
      Template<?> template, Map<String, String> parameters, Path dir, PrintStream console) {
    this.template = template;
    this.parameters = new LinkedHashMap<>(parameters);
    this.dir = dir;
    this.console = console;
  }

  /**
   * Adds pipeline options that are not template parameters (e.g. {@code --pubsubRootUrl=...}, or
   * {@code --experiments=streaming_mode_at_least_once} as Dataflow's at-least-once mode sets).
   */
  public LocalRun addPipelineArgs(List<String> args) {
    List<String> all = new ArrayList<>(pipelineArgs);
    all.addAll(args);
    this.pipelineArgs = List.copyOf(all);
    return this;
  }

  /** When a streaming run has done its work; asked every half second. */
  @FunctionalInterface
  public interface StopCondition {
    /**
     * @param tables the tables the run's rows go to (its output table, or the tables its rows were
     *     routed to so far), then its dead-letter table, last
     */
    boolean test(RecordCounts counts, LocalBigQuery bigQuery, List<String> tables)
        throws IOException, InterruptedException;
  }

  /**
   * Once {@code records} records have been read, each has reached its end, and the tables hold
   * every row counted as written or dead-lettered.
   */
  public static StopCondition accountedFor(long records) {
    return (counts, bigQuery, tables) ->
        counts.read() >= records
            && counts.balanced()
            // Counted rows reach the tables a commit later (Storage Write API triggering
            // frequency).
            && rowCount(bigQuery, tables.subList(0, tables.size() - 1)) >= counts.written()
            && bigQuery.rowCount(tables.get(tables.size() - 1)) >= counts.deadLettered();
  }

  private static long rowCount(LocalBigQuery bigQuery, List<String> tables)
      throws IOException, InterruptedException {
    long rows = 0;
    for (String table : tables) {
      rows += bigQuery.rowCount(table);
    }
    return rows;
  }

  /**
   * For a streaming template: stop (cancel) once {@code done} holds, or fail when {@code limit}
   * passes first. Without it the run lasts until the pipeline finishes.
   */
  public LocalRun until(StopCondition done, Duration limit) {
    this.stopWhen = done;
    this.timeout = limit;
    return this;
  }

  /**
   * Starts on the in-process tables the previous run in this JVM left, as a job restarted on
   * Dataflow finds its tables, instead of on empty ones.
   */
  public LocalRun keepingTablesOfPreviousRun() {
    this.keepTables = true;
    return this;
  }

  /**
   * Keeps the DirectRunner's copy-and-compare checks of every element on, as tests do to catch a
   * DoFn that changes its input; see {@link LocalRunnerChecks} for why a local run leaves them off.
   */
  public LocalRun checkingEveryElement() {
    this.checkEveryElement = true;
    return this;
  }

  /** Runs {@code action} once the pipeline has started. */
  public LocalRun afterStart(AfterStart action) {
    this.afterStart = action;
    return this;
  }

  /**
   * Checks the parameters against the template's metadata and rules, and against the schema and the
   * in-process output table, as a launch does, and that its paths are ones a local run can use.
   */
  public void validate() throws ParameterValidationException, IOException, InterruptedException {
    if (validated) {
      return;
    }
    List<String> problems =
        new ArrayList<>(
            ParameterValidator.problems(
                template.metadata(), template.parameterRules(), parameters, Set.of()));
    problems.addAll(LocalPaths.problems(template.metadata(), parameters));
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      problems.add(
          "--local: "
              + dir
              + " is a file; give a directory for the tables and summary.json (it is created"
              + " when missing)");
    }
    if (problems.isEmpty()) {
      problems.addAll(preflight(template));
    }
    if (!problems.isEmpty()) {
      throw new ParameterValidationException(problems);
    }
    validated = true;
  }

  /**
   * What the launcher's checks find before the pipeline is built, run on the in-process BigQuery
   * the run will start with: a local run starts with no tables, so CREATE_NEVER is refused here.
   */
  private <O extends PipelineOptions> List<String> preflight(Template<O> t)
      throws IOException, InterruptedException {
    O options;
    List<String> tables;
    try {
      options = options(t);
      tables = t.outputTables(options);
    } catch (IllegalArgumentException e) { // the output table's name, e.g. a bad decorator
      return List.of(e.getMessage());
    }
    installBigQuery(options, tables);
    return t.preflight(options, Template.Reach.LAUNCH).problems();
  }

  private LocalBigQuery installBigQuery(PipelineOptions options, List<String> tables)
      throws IOException, InterruptedException {
    return keepTables
        ? LocalBigQuery.installInto(options, tables, new FakeDatasetService())
        : LocalBigQuery.installInto(options, tables);
  }

  public LocalRunResult execute()
      throws ParameterValidationException, IOException, InterruptedException {
    validate();
    return execute(template);
  }

  private <O extends PipelineOptions> LocalRunResult execute(Template<O> t)
      throws IOException, InterruptedException {
    O options = options(t);
    List<String> tables = t.outputTables(options);
    LocalBigQuery bigQuery = installBigQuery(options, tables);

    Files.createDirectories(dir);
    Pipeline pipeline = Pipeline.create(options);
    t.build(pipeline, options);
    console.printf("Running %s locally; output in %s%n", t.id(), dir);
    Progress progress = new Progress(console, shownInProgress(options, tables), stopWhen == null);
    PipelineResult result = pipeline.run();
    PipelineResult.State state;
    try {
      afterStart.run();
      state = awaitEnd(result, progress, bigQuery, tables);
    } catch (IOException | InterruptedException | RuntimeException e) {
      result.cancel();
      throw e;
    }
    progress.finish();
    RecordCounts counts = RecordCounts.of(result);

    // Also after a timeout: what did arrive is what a user needs to see why the rest did not.
    Map<String, Long> tableRows = new LinkedHashMap<>();
    for (String table : dumped(tables, RecordCounts.perTable(result))) {
      tableRows.put(table, Math.max(0, bigQuery.dump(table, dir)));
    }
    LocalRunResult summary =
        new LocalRunResult(
            t.id(),
            state == null ? TIMED_OUT : state.toString(),
            counts,
            progress.elapsedSeconds(),
            tableRows,
            dir);
    Files.writeString(dir.resolve("summary.json"), summaryJson(summary));
    EmptyFolders.deleteUnder(dir.resolve(TEMP_FOLDER));
    console.print(summary.humanSummary());
    if (state == null) {
      throw new LocalRunTimeoutException(timeout, counts, tableRows, dir);
    }
    return summary;
  }

  /**
   * The tables as the progress line names them: when a table-name template routes the rows, the
   * output table names only their dataset, and the line names the template.
   */
  private static List<String> shownInProgress(PipelineOptions options, List<String> tables) {
    BigQueryOutputOptions output = options.as(BigQueryOutputOptions.class);
    if (!OutputSchema.routesRows(output)) {
      return tables;
    }
    List<String> shown = new ArrayList<>(tables);
    shown.set(0, "the tables " + output.getOutputTableNameTemplate() + " names");
    return shown;
  }

  /**
   * The tables to dump, from the template's {@code tables} (the output table, then the dead-letter
   * table): when rows were routed to tables named from them ({@code routed}, rows by table), those
   * tables in place of the output table, which then names only their project and dataset.
   */
  private static List<String> dumped(List<String> tables, Map<String, Long> routed) {
    if (routed.isEmpty()) {
      return tables;
    }
    List<String> dumped = new ArrayList<>(routed.keySet());
    dumped.remove(RecordCounters.OTHER_TABLES);
    dumped.addAll(tables.subList(1, tables.size()));
    return dumped;
  }

  private <O extends PipelineOptions> O options(Template<O> t) {
    List<String> args = new ArrayList<>();
    parameters.forEach((name, value) -> args.add("--" + name + "=" + value));
    args.addAll(pipelineArgs);
    O options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(t.optionsClass());
    options.setRunner(DirectRunner.class);
    options.setTempLocation(dir.resolve(TEMP_FOLDER).toAbsolutePath().toString());
    options.setJobName("local-" + t.id());
    // Polled, not blocked on: progress is shown while it runs, and streaming runs are cancelled.
    options.as(DirectOptions.class).setBlockOnRun(false);
    if (!checkEveryElement) {
      LocalRunnerChecks.skipElementCopies(options.as(DirectOptions.class));
    }
    GcpOptions gcp = options.as(GcpOptions.class);
    gcp.setProject(BigQueryHelpers.parseTableSpec(t.outputTables(options).get(0)).getProjectId());
    // Nothing local talks to Google Cloud: no credentials to look for (and warn about).
    gcp.setCredentialFactoryClass(NoopCredentialFactory.class);
    return options;
  }

  /** The pipeline's terminal state, DONE when the stop condition held, or null on timeout. */
  private PipelineResult.State awaitEnd(
      PipelineResult result, Progress progress, LocalBigQuery bigQuery, List<String> tables)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
    while (true) {
      PipelineResult.State state =
          result.waitUntilFinish(org.joda.time.Duration.millis(POLL.toMillis()));
      RecordCounts counts = RecordCounts.of(result);
      boolean ended = state != null && state.isTerminal();
      boolean stopped =
          !ended
              && stopWhen != null
              && stopWhen.test(counts, bigQuery, dumped(tables, RecordCounts.perTable(result)));
      boolean timedOut = !ended && !stopped && System.nanoTime() > deadline;
      // The last counts are always shown, whenever the run ends.
      if (ended || stopped || timedOut || System.nanoTime() >= nextProgress) {
        progress.report(counts);
        nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
      }
      if (ended) {
        return state;
      }
      if (stopped || timedOut) {
        result.cancel();
        return stopped ? PipelineResult.State.DONE : null;
      }
    }
  }

  private static String summaryJson(LocalRunResult summary) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("template", summary.templateId());
    root.put("state", summary.state());
    root.put("elapsedSeconds", Math.round(summary.seconds() * 1000) / 1000.0);
    root.put("recordsPerSecond", Math.round(summary.recordsPerSecond()));
    ObjectNode counters = root.putObject("counters");
    counters.put("read", summary.counts().read());
    counters.put("written", summary.counts().written());
    counters.put("deadLettered", summary.counts().recordsDeadLettered());
    counters.put("filtered", summary.counts().filtered());
    counters.put("filesCutShort", summary.counts().filesCutShort());
    counters.put("filesSplit", summary.counts().filesSplit());
    counters.put("filesSpread", summary.counts().filesSpread());
    root.put("balanced", summary.counts().balanced());
    ObjectNode tables = root.putObject("tables");
    summary.tableRows().forEach(tables::put);
    return JSON.writeValueAsString(root) + "\n";
  }
}
