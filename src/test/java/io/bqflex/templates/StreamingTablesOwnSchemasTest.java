package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.Table;
import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.local.EmulatorExtension;
import io.bqflex.local.LocalPubsubInput;
import io.bqflex.local.LocalPubsubRun;
import io.bqflex.local.LocalRun;
import io.bqflex.local.LocalRunResult;
import io.bqflex.local.OutgoingMessage;
import io.bqflex.local.PubsubEmulator;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.rows.BigQuerySchemas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Pub/Sub template routing messages without {@code JSONPath}, in both streaming modes on the
 * emulator: each existing table's own schema converts its messages (tables made beforehand in
 * Beam's in-process BigQuery, as they would exist in BigQuery).
 */
@ExtendWith(EmulatorExtension.class)
class StreamingTablesOwnSchemasTest {
  private static final Path SCHEMAS = Path.of("src/test/resources/TablesOwnSchemasTest");
  private static final String PROJECT = "test-project";
  private static final Duration LIMIT = Duration.ofMinutes(4);

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void eachTableConvertsItsMessagesAgainstItsOwnSchema(boolean atLeastOnce, PubsubEmulator emulator)
      throws Exception {
    String subscription = "own-" + UUID.randomUUID().toString().substring(0, 8);
    String prefix = PROJECT + ":stream." + subscription.replace('-', '_');
    FakeDatasetService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    datasets.createDataset(PROJECT, "stream", "", "", null);
    createTable(datasets, prefix + "_web", "web_schema.json");
    createTable(datasets, prefix + "_app", "app_schema.json");
    Map<String, String> parameters = new HashMap<>();
    parameters.put("inputSubscription", "projects/" + PROJECT + "/subscriptions/" + subscription);
    parameters.put("outputTableSpec", prefix);
    parameters.put("outputTableNameTemplate", subscription.replace('-', '_') + "_{channel}");
    // web takes pages, app does not; kiosk has no table.
    String[] channels = {"web", "app", "kiosk"};
    List<OutgoingMessage> sent = new ArrayList<>();
    Map<String, Set<String>> expected = new TreeMap<>();
    for (int i = 0; i < 30; i++) {
      String channel = channels[i % 3];
      boolean pages = i % 2 == 0;
      String json =
          "{\"event_id\":\"m-"
              + i
              + "\",\"channel\":\""
              + channel
              + "\""
              + (pages ? ",\"pages\":" + i : "")
              + "}";
      sent.add(OutgoingMessage.utf8(json, Map.of("n", "" + i)));
      if (channel.equals("web") || (channel.equals("app") && !pages)) {
        expected.computeIfAbsent(channel, c -> new TreeSet<>()).add("m-" + i);
      }
    }
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    LocalRun run =
        new LocalRun(new PubsubToBigQuery(), parameters, dir, out).keepingTablesOfPreviousRun();
    if (atLeastOnce) {
      run.addPipelineArgs(List.of("--experiments=streaming_mode_at_least_once"));
    }

    LocalRunResult result =
        new LocalPubsubRun(
                run,
                LocalPubsubInput.of(new PubsubToBigQuery().metadata(), parameters).orElseThrow(),
                sent,
                out)
            .execute(emulator.rootUrl(), LIMIT);

    String log = console.toString(StandardCharsets.UTF_8);
    TemplateRun tables = TemplateRun.reading(result, log, dir);
    for (Map.Entry<String, Set<String>> table : expected.entrySet()) {
      Set<String> ids = new TreeSet<>();
      for (JsonNode row : tables.rows(prefix + "_" + table.getKey())) {
        ids.add(row.get("event_id").asText());
      }
      assertEquals(table.getValue(), ids, table.getKey() + "\n" + log);
    }
    Map<String, Integer> deadByReason = new TreeMap<>();
    for (JsonNode deadLetter : tables.rows(prefix + "_error_records")) {
      String message = deadLetter.get("errorMessage").asText();
      String reason =
          message.contains("_kiosk does not exist")
              ? "no kiosk table"
              : message.startsWith("field 'pages' is not in the BigQuery schema")
                  ? "app has no pages"
                  : message;
      deadByReason.merge(deadLetter.get("stage").asText() + ": " + reason, 1, Integer::sum);
    }
    assertEquals(
        Map.of("CONVERT: app has no pages", 5, "ROUTE: no kiosk table", 10), deadByReason, log);
    assertEquals(30, result.counts().read(), log);
    assertTrue(result.counts().balanced(), log);
  }

  @Test
  void metadataColumnsNeedJsonPath() {
    ParameterValidationException refused =
        assertThrows(
            ParameterValidationException.class,
            () ->
                TemplateLauncher.launch(
                    new PubsubToBigQuery(),
                    new String[] {
                      "--inputSubscription=projects/" + PROJECT + "/subscriptions/orders",
                      "--outputTableSpec=" + PROJECT + ":stream.events",
                      "--outputTableNameTemplate=events_{attribute:source}",
                      "--attributesColumn=attributes",
                      "--project=" + PROJECT
                    }));
    assertEquals(
        List.of(
            "parameter 'attributesColumn': needs JSONPath when a template names the rows' tables:"
                + " without it each table's own schema converts its rows, and the metadata columns"
                + " are known only in one schema"),
        refused.problems());
  }

  private static void createTable(FakeDatasetService datasets, String table, String schemaFile)
      throws Exception {
    datasets.createTable(
        new Table()
            .setTableReference(BigQueryHelpers.parseTableSpec(table))
            .setSchema(
                BigQuerySchemas.parse(Files.readString(SCHEMAS.resolve(schemaFile)), schemaFile)));
  }
}
