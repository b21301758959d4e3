package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.local.LocalRun;
import io.bqflex.local.LocalRunResult;
import io.bqflex.pipeline.TemplateLauncher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output tables named with a partition decorator ({@code t$20240101}), run through the template's
 * real pipeline. Beam's fakes strip decorators and keep no partitions, so these tests show which
 * rows reach BigQueryIO and where dead letters go; that BigQuery puts them into the named partition
 * is BigQuery's documented behaviour
 * (https://cloud.google.com/bigquery/docs/managing-partitioned-table-data), not verified here.
 */
class PartitionedOutputTest {
  private static final String FIXTURES = "src/test/resources/PartitionedOutputTest/";

  @TempDir Path dir;

  private static Map<String, String> parameters(String table) {
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", FIXTURES + "events.json");
    p.put("JSONPath", FIXTURES + "schema.json");
    p.put("outputTable", table);
    return p;
  }

  private static Set<String> ids(List<JsonNode> rows) {
    return rows.stream()
        .map(r -> r.get("id").asText())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> deadIds(List<JsonNode> deadLetters) {
    return deadLetters.stream()
        .map(r -> r.get("payloadString").asText().replaceAll(".*\"id\": \"(\\w+)\".*", "$1"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void decoratedTableShowsItsRowsInTheLocalDumpAndDeadLettersGoToTheBaseNamesErrorTable()
      throws Exception {
    // No partitioning column given: FILE_LOADS writes every row to the named partition and
    // BigQuery decides (an ingestion-time table takes them all).
    TemplateRun run =
        TemplateRun.of(
            new GcsJsonToBigQuery(), parameters("test-project:parts.plain$20240101"), dir);

    assertEquals(6, run.result.counts().written());
    assertEquals(1, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());
    assertEquals(Set.of("a", "b", "c", "d", "e", "f"), ids(run.rows("test-project:parts.plain")));
    List<JsonNode> dead = run.rows("test-project:parts.plain_error_records");
    assertEquals(Set.of("g"), deadIds(dead));
    assertEquals(6, run.summary().get("tables").get("test-project:parts.plain$20240101").asLong());
    assertEquals(
        1, run.summary().get("tables").get("test-project:parts.plain_error_records").asLong());
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "true"})
  void rowsOutsideTheDecoratedPartitionAreDeadLetteredNamingColumnValueAndPartition(
      String storageWriteApi) throws Exception {
    String base = "test-project:parts.by_day_storage_" + storageWriteApi;
    Map<String, String> p = parameters(base + "$20240101");
    p.put("timePartitioningField", "event_time");
    p.put("useStorageWriteApi", storageWriteApi);
    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), p, dir);

    assertEquals(2, run.result.counts().written());
    assertEquals(5, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());
    assertEquals(Set.of("a", "b"), ids(run.rows(base)));
    List<JsonNode> dead = run.rows(base + "_error_records");
    assertEquals(Set.of("c", "d", "e", "f", "g"), deadIds(dead));
    Map<String, String> messages = new HashMap<>();
    dead.forEach(
        r -> {
          assertEquals("CONVERT", r.get("stage").asText());
          messages.put(deadIds(List.of(r)).iterator().next(), r.get("errorMessage").asText());
        });
    // A TIMESTAMP column partitions by its UTC date
    // (https://cloud.google.com/bigquery/docs/partitioned-tables): 23:30 at -01:00 is the 2nd.
    assertEquals(
        "column 'event_time' = '2024-01-02T00:30:00.000000Z' is outside partition $20240101 of "
            + base
            + "$20240101",
        messages.get("c"));
    assertTrue(messages.get("e").contains("'event_time' = NULL"), messages.get("e"));
    assertTrue(messages.get("f").contains("2023-12-31T23:59:59"), messages.get("f"));
  }

  @Test
  void ingestionTimeDecoratorOnTheStorageWriteApiIsRefusedAtLaunch() {
    String refused =
        refusedAtLaunch(
            "--outputTable=test-project:parts.ingested$20240101", "--useStorageWriteApi=true");
    assertTrue(refused.startsWith("parameter 'outputTable': "), refused);
    assertTrue(refused.contains("partition decorators need FILE_LOADS"), refused);
  }

  @Test
  void deadLetterTableThatIsTheOutputTableIsRefusedAtLaunch() {
    String refused =
        refusedAtLaunch(
            "--outputTable=test-project:parts.same$20240101",
            "--outputDeadletterTable=test-project.parts.same");
    assertTrue(refused.startsWith("parameter 'outputDeadletterTable': "), refused);
  }

  /** The refusal of a launch with {@code extra} arguments: one line, before any job starts. */
  private static String refusedAtLaunch(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--inputFilePattern=" + FIXTURES + "events.json",
                "--JSONPath=" + FIXTURES + "schema.json",
                "--project=test-project"));
    args.addAll(List.of(extra));
    ParameterValidationException refused =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateLauncher.launch(new GcsJsonToBigQuery(), args.toArray(String[]::new)));
    assertEquals(1, refused.problems().size(), refused.getMessage());
    return refused.problems().get(0);
  }

  @Test
  void writeTruncateOfAPartitionLeavesTheDeadLetterTableAppending() throws Exception {
    String base = "test-project:parts.truncated";
    Map<String, String> p = parameters(base + "$20240101");
    p.put("timePartitioningField", "event_time");
    p.put("writeDisposition", "WRITE_TRUNCATE");
    TemplateRun.of(new GcsJsonToBigQuery(), p, dir.resolve("first"));

    Path secondDir = dir.resolve("second");
    LocalRunResult second =
        new LocalRun(new GcsJsonToBigQuery(), p, secondDir, quiet())
            .keepingTablesOfPreviousRun()
            .execute();
    TemplateRun run = TemplateRun.reading(second, "", secondDir);

    // BigQuery replaces only partition $20240101 of the output table
    // (https://cloud.google.com/bigquery/docs/managing-partitioned-table-data); the fake cannot
    // show it (it looks the decorated name up, finds nothing and appends), see
    // WriteSettingsPartitionTest for the partition the load job is given. What it shows: the
    // dead-letter table never inherits the truncation, both runs' dead letters stay.
    assertEquals(Set.of("a", "b"), ids(run.rows(base)));
    assertEquals(10, run.rows(base + "_error_records").size());
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
