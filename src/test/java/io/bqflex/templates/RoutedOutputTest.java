package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.Job;
import com.google.api.services.bigquery.model.JobConfigurationLoad;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.catalog.LaunchChecks;
import io.bqflex.catalog.LaunchParameters;
import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.pipeline.Template;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.rows.BigQuerySchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows routed to tables named from them ({@code outputTableNameTemplate}), through the template's
 * real pipeline on both write methods. Table names are held to BigQuery's naming rules
 * (https://cloud.google.com/bigquery/docs/tables#table_naming); Beam's in-process BigQuery takes
 * only ASCII table ids, so Unicode names are tested at the naming check ({@code NameTemplateTest}),
 * not here.
 */
class RoutedOutputTest {
  private static final String FIXTURES = "src/test/resources/RoutedOutputTest/";
  private static final Path SAMPLE =
      Path.of("templates", GcsJsonToBigQuery.ID, "samples", "routing", "parameters.txt");

  @TempDir Path dir;

  /** BigQueryIO caches per table name in the JVM: each run writes a dataset of its own. */
  private static Map<String, String> parameters(String dataset, String template) {
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", FIXTURES + "events.json");
    p.put("JSONPath", FIXTURES + "schema.json");
    p.put("outputTable", "test-project:" + dataset + ".events");
    p.put("outputTableNameTemplate", template);
    return p;
  }

  private static Set<String> ids(List<JsonNode> rows) {
    return rows.stream()
        .map(r -> r.get("event_id").asText())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The template's options from {@code parameters}, for a run on Beam's fakes. */
  private GcsJsonToBigQuery.Options options(Map<String, String> parameters) {
    List<String> args = new ArrayList<>();
    parameters.forEach((k, v) -> args.add("--" + k + "=" + v));
    args.add("--project=test-project");
    args.add("--tempLocation=" + dir.resolve("temp"));
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
        .as(GcsJsonToBigQuery.Options.class);
  }

  /** Dead letters by the event id in their payload, each with "STAGE: errorMessage". */
  private static Map<String, String> deadLetters(List<JsonNode> rows) {
    Map<String, String> byId = new TreeMap<>();
    for (JsonNode row : rows) {
      String id =
          row.get("payloadString").asText().replaceAll(".*\"event_id\": \"([^\"]+)\".*", "$1");
      byId.put(id, row.get("stage").asText() + ": " + row.get("errorMessage").asText());
    }
    return byId;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theRoutingSampleWritesThreeTablesAndDeadLettersWhatItCannotName(boolean storageWriteApi)
      throws Exception {
    Map<String, String> p = LaunchParameters.parse(Files.readString(SAMPLE).trim());
    String dataset = "sample_" + (storageWriteApi ? "storage" : "loads");
    p.put("outputTable", "bqflex-local:" + dataset + ".events");
    p.put("useStorageWriteApi", String.valueOf(storageWriteApi));

    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), p, dir);

    String tables = "bqflex-local:" + dataset + ".events_";
    assertEquals(Set.of("r-1", "r-4"), ids(run.rows(tables + "click")));
    assertEquals(Set.of("r-2", "r-5", "r-6"), ids(run.rows(tables + "view")));
    assertEquals(Set.of("r-3", "r-7"), ids(run.rows(tables + "purchase")));
    Map<String, String> dead = deadLetters(run.rows(tables + "error_records"));
    assertEquals(Set.of("r-8", "r-9"), dead.keySet());
    assertTrue(dead.get("r-8").startsWith("ROUTE: column event_type is null"), dead.get("r-8"));
    assertTrue(dead.get("r-9").contains("'events_sign/up'"), dead.get("r-9"));
    assertTrue(dead.get("r-9").contains("'/' (U+002F)"), dead.get("r-9"));
    assertEquals(9, run.result.counts().read());
    assertTrue(run.result.counts().balanced());
    // The summary and its file list each table the rows went to, with the counters' figures.
    JsonNode summaryTables = run.summary().get("tables");
    assertEquals(4, summaryTables.size(), summaryTables.toString());
    assertEquals(3, summaryTables.get(tables + "view").asLong());
    assertEquals(2, summaryTables.get(tables + "error_records").asLong());
    assertTrue(run.console.contains(tables + "purchase"), run.console);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aNameThatIsTheDeadLetterTablesOrHasADotIsADeadLetterAndEveryRecordEndsOnce(
      boolean storageWriteApi) throws Exception {
    String dataset = "kinds_" + (storageWriteApi ? "storage" : "loads");
    Map<String, String> p = parameters(dataset, "events_{event_type}");
    p.put("useStorageWriteApi", String.valueOf(storageWriteApi));

    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), p, dir);

    String tables = "test-project:" + dataset + ".events_";
    assertEquals(Set.of("a", "c"), ids(run.rows(tables + "click")));
    assertEquals(Set.of("b", "h"), ids(run.rows(tables + "view")));
    Map<String, String> dead = deadLetters(run.rows(tables + "error_records"));
    assertEquals(Set.of("d", "e", "f", "g"), dead.keySet());
    assertTrue(dead.get("d").startsWith("ROUTE: "), dead.get("d"));
    assertTrue(dead.get("d").contains("the dead-letter table"), dead.get("d"));
    assertTrue(dead.get("e").contains("'.' (U+002E)"), dead.get("e"));
    assertTrue(dead.get("f").startsWith("ROUTE: column event_type is null"), dead.get("f"));
    // A row that fails conversion never gets as far as its name.
    assertTrue(dead.get("g").startsWith("CONVERT: "), dead.get("g"));
    assertEquals(8, run.result.counts().read());
    assertEquals(4, run.result.counts().written());
    assertEquals(4, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void withCreateNeverRowsForTablesThatDoNotExistAreDeadLetters(boolean storageWriteApi)
      throws Exception {
    FakeDatasetService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    String dataset = "never_" + (storageWriteApi ? "storage" : "loads");
    datasets.createDataset("test-project", dataset, "", "", null);
    TableSchema schema =
        BigQuerySchemas.parse(
            Files.readString(SAMPLE.resolveSibling("schema.json")), "sample schema");
    String tables = "test-project:" + dataset + ".events_";
    for (String existing : List.of("click", "view")) {
      datasets.createTable(
          new Table()
              .setTableReference(BigQueryHelpers.parseTableSpec(tables + existing))
              .setSchema(schema));
    }
    Map<String, String> p = LaunchParameters.parse(Files.readString(SAMPLE).trim());
    p.put("outputTable", "test-project:" + dataset + ".events");
    p.put("createDisposition", "CREATE_NEVER");
    p.put("useStorageWriteApi", String.valueOf(storageWriteApi));
    GcsJsonToBigQuery.Options options = options(p);

    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(new GcsJsonToBigQuery(), options, datasets);

    assertEquals(2, run.bigQuery().rowCount(tables + "click"));
    assertEquals(3, run.bigQuery().rowCount(tables + "view"));
    assertNull(datasets.getTable(BigQueryHelpers.parseTableSpec(tables + "purchase")));
    List<String> reasons = new ArrayList<>();
    for (TableRow row : run.bigQuery().rows(tables + "error_records")) {
      reasons.add(
          TemplateRun.column(row, "stage") + ": " + TemplateRun.column(row, "errorMessage"));
    }
    // The sample's two purchases, besides its two rows whose table cannot be named.
    assertEquals(4, reasons.size(), reasons.toString());
    assertEquals(
        2,
        reasons.stream()
            .filter(
                r ->
                    r.equals(
                        "ROUTE: table "
                            + tables
                            + "purchase does not exist, and createDisposition=CREATE_NEVER creates"
                            + " no table; create it, and rows for it are written from then on (it"
                            + " is looked up again after a minute)"))
            .count(),
        reasons.toString());
    assertEquals(9, run.counts().read());
    assertEquals(5, run.counts().written());
    assertTrue(run.counts().balanced());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rowsGoToTheDatasetsTheyNameAndThoseOfDatasetsThatDoNotExistAreDeadLetters(
      boolean storageWriteApi) throws Exception {
    FakeDatasetService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    String prefix = storageWriteApi ? "tenant_s_" : "tenant_l_";
    for (String existing : List.of("click", "view")) {
      datasets.createDataset("test-project", prefix + existing, "", "", null);
    }
    Map<String, String> p = LaunchParameters.parse(Files.readString(SAMPLE).trim());
    p.remove("outputTableNameTemplate");
    p.put("outputDatasetTemplate", prefix + "{event_type}");
    p.put("outputTable", "test-project:analytics.events");
    p.put("useStorageWriteApi", String.valueOf(storageWriteApi));

    TemplateRun.RunOnFakes run =
        TemplateRun.runToEnd(new GcsJsonToBigQuery(), options(p), datasets);

    assertEquals(2, run.bigQuery().rowCount("test-project:" + prefix + "click.events"));
    assertEquals(3, run.bigQuery().rowCount("test-project:" + prefix + "view.events"));
    Map<String, Long> reasons = new TreeMap<>();
    for (TableRow row : run.bigQuery().rows("test-project:analytics.events_error_records")) {
      String reason = String.valueOf(TemplateRun.column(row, "errorMessage"));
      // Each reason up to its first space after 20 characters: enough to tell them apart.
      reasons.merge(reason.substring(0, reason.indexOf(' ', 20)), 1L, Long::sum);
    }
    assertEquals(
        Map.of(
            "column event_type is",
            1L,
            "dataset name '" + prefix + "sign/up'",
            1L,
            "dataset test-project:" + prefix + "purchase",
            2L),
        reasons);
    assertEquals(9, run.counts().read());
    assertEquals(5, run.counts().written());
    assertTrue(run.counts().balanced());
  }

  @Test
  void dayTablesFromATimestampAreCreatedWithTheParametersPartitioning() throws Exception {
    FakeDatasetService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    Map<String, String> p = parameters("days", "day_{event_time:yyyyMMdd}");
    p.put("timePartitioningField", "event_time");
    p.put("timePartitioningType", "HOUR");
    GcsJsonToBigQuery.Options options = options(p);

    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(new GcsJsonToBigQuery(), options, datasets);

    // TIMESTAMPs name their UTC day: 00:30 at +01:00 is still the 1st.
    Map<String, Long> expected =
        Map.of(
            "test-project:days.day_20261201", 2L,
            "test-project:days.day_20261202", 4L,
            "test-project:days.day_20261203", 1L);
    for (Map.Entry<String, Long> table : expected.entrySet()) {
      assertEquals(table.getValue(), run.bigQuery().rowCount(table.getKey()), table.getKey());
      Table created = datasets.getTable(BigQueryHelpers.parseTableSpec(table.getKey()));
      assertEquals("event_time", created.getTimePartitioning().getField(), table.getKey());
      assertEquals("HOUR", created.getTimePartitioning().getType(), table.getKey());
    }
    assertEquals(7, run.counts().written());
    assertEquals(1, run.counts().deadLettered());
    assertTrue(run.counts().balanced());
  }

  /**
   * Partitions named from each row go to the load jobs as decorators, each load one partition's
   * rows. Beam's in-process BigQuery keeps no partitions: the rows are in the base tables, the
   * decorators in the load jobs' destinations. A value outside what a column partition holds
   * (1960-01-01 to 2159-12-31, https://cloud.google.com/bigquery/docs/partitioned-tables) has no
   * decorator: a dead letter.
   */
  @Test
  void partitionsNamedFromRowsAreTheLoadJobsDestinations() throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    Map<String, String> p = parameters("parts", "events_{event_type}${event_time:yyyyMMdd}");
    p.put("inputFilePattern", FIXTURES + "dated_events.json");
    p.put("timePartitioningField", "event_time");

    TemplateRun.RunOnFakes run =
        TemplateRun.runToEnd(new GcsJsonToBigQuery(), options(p), datasets);

    String tables = "test-project:parts.events_";
    assertEquals(2, run.bigQuery().rowCount(tables + "click"));
    assertEquals(2, run.bigQuery().rowCount(tables + "view"));
    Set<String> destinations = new TreeSet<>();
    for (Job job : new FakeJobService().getAllJobs()) {
      JobConfigurationLoad load = job.getConfiguration().getLoad();
      if (load != null && !load.getDestinationTable().getTableId().endsWith("error_records")) {
        destinations.add(BigQueryHelpers.toTableSpec(load.getDestinationTable()));
      }
    }
    // TIMESTAMPs name their UTC day: 00:30 at +01:00 is the 1st.
    assertEquals(
        Set.of(
            tables + "click$20261201",
            tables + "click$20261202",
            tables + "view$20261201",
            tables + "view$20261203"),
        destinations);
    Table created = datasets.getTable(BigQueryHelpers.parseTableSpec(tables + "click"));
    assertEquals("event_time", created.getTimePartitioning().getField());
    List<String> reasons = new ArrayList<>();
    for (TableRow row : run.bigQuery().rows(tables + "error_records")) {
      reasons.add(
          TemplateRun.column(row, "stage") + ": " + TemplateRun.column(row, "errorMessage"));
    }
    reasons.sort(null);
    assertEquals(2, reasons.size(), reasons.toString());
    assertTrue(reasons.get(0).startsWith("CONVERT: "), reasons.get(0));
    assertTrue(
        reasons.get(1).startsWith("ROUTE: column event_time is 1950-06-01T00:00:00.000000Z"),
        reasons.get(1));
    assertEquals(6, run.counts().read());
    assertEquals(4, run.counts().written());
    assertTrue(run.counts().balanced());
  }

  @Test
  void whatCanNeverWorkIsRefusedBeforeAnyJobStarts() {
    assertTrue(
        refusedAtLaunch("--outputTableNameTemplate=events_{kind}")
            .startsWith(
                "parameter 'outputTableNameTemplate': 'events_{kind}': {kind} names no top-level"
                    + " column"));
    assertTrue(
        refusedAtLaunch("--outputTableNameTemplate=events_{attribute:source}")
            .contains("files have none"));
    assertTrue(
        refusedAtLaunch(
                "--outputTableNameTemplate=e_{event_type}",
                "--outputTable=test-project:d.events$20261201")
            .startsWith("parameter 'outputTable': "));
    assertTrue(
        refusedAtLaunch("--outputDatasetTemplate=d_{attribute:source}")
            .startsWith(
                "parameter 'outputDatasetTemplate': 'd_{attribute:source}' takes a message"));
  }

  @Test
  void attributesAreRefusedForFilesAlsoWhereTheSchemaIsReadOnlyAtLaunch() {
    Map<String, String> p = parameters("offline", "events_{attribute:source}");
    p.put("JSONPath", "gs://my-bucket/schema.json");

    LaunchChecks.Findings findings =
        new GcsJsonToBigQuery().preflight(options(p), Template.Reach.OFFLINE);

    assertEquals(
        List.of(
            "parameter 'outputTableNameTemplate': 'events_{attribute:source}' takes a message"
                + " attribute, and files have none; name the tables from columns"),
        findings.problems());
    assertTrue(
        findings.leftToLaunch().get(0).startsWith("JSONPath: gs://my-bucket/schema.json is not"),
        findings.leftToLaunch().toString());
  }

  /** The one refusal of a launch with {@code extra} arguments (later ones replace earlier). */
  private static String refusedAtLaunch(String... extra) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("inputFilePattern", FIXTURES + "events.json");
    args.put("JSONPath", FIXTURES + "schema.json");
    args.put("outputTable", "test-project:d.events");
    args.put("project", "test-project");
    for (String arg : extra) {
      int eq = arg.indexOf('=');
      args.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    List<String> launch = new ArrayList<>();
    args.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            launch.add("--" + k + "=" + v);
          }
        });
    ParameterValidationException refused =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateLauncher.launch(new GcsJsonToBigQuery(), launch.toArray(String[]::new)));
    assertEquals(1, refused.problems().size(), refused.getMessage());
    return refused.problems().get(0);
  }
}
