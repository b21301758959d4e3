package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.local.EmulatorExtension;
import io.bqflex.local.LocalPubsubInput;
import io.bqflex.local.LocalPubsubRun;
import io.bqflex.local.LocalRun;
import io.bqflex.local.LocalRunResult;
import io.bqflex.local.LocalRunTimeoutException;
import io.bqflex.local.OutgoingMessage;
import io.bqflex.local.PubsubEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming template's real pipeline on the DirectRunner, reading Google's Pub/Sub emulator and
 * writing Beam's in-process BigQuery, in both streaming modes and across a restart.
 */
@ExtendWith(EmulatorExtension.class)
class PubsubToBigQueryTest {
  private static final String FIXTURES = "src/test/resources/PubsubToBigQueryTest/";
  private static final String PROJECT = "test-project";
  private static final Duration LIMIT = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] NOT_UTF8 = {'{', '"', (byte) 0xC3, '(', '}'};

  @TempDir Path dir;

  @Test
  void exactlyOnceWritesEveryGoodMessageOnceAndDeadLettersEveryBadOne(PubsubEmulator emulator)
      throws Exception {
    String subscription = unique("eo");
    String table = tableFor(subscription);
    List<OutgoingMessage> sent = messages(3000);

    TemplateRun run =
        runUntilAccountedFor(emulator, subscriptionParameters(subscription, table), sent);

    assertCounts(run.result, sent.size());
    List<JsonNode> rows = run.rows(table);
    assertEquals(goodIndexes(sent.size()), indexesOf(rows));
    assertEquals(rows.size(), messageIds(rows).size(), "a message id was written twice");
    assertDeadLetters(run.rows(table + "_error_records"), sent.size(), subscription);
  }

  @Test
  void atLeastOnceWritesEveryGoodMessageAndCountsDuplicates(PubsubEmulator emulator)
      throws Exception {
    String subscription = unique("alo");
    String table = tableFor(subscription);
    List<OutgoingMessage> sent = messages(3000);

    TemplateRun run =
        runUntilAccountedFor(
            emulator,
            subscriptionParameters(subscription, table),
            sent,
            // What Dataflow passes to a job launched in at-least-once mode.
            "--experiments=streaming_mode_at_least_once");

    assertCounts(run.result, sent.size());
    List<JsonNode> rows = run.rows(table);
    assertEquals(goodIndexes(sent.size()), indexesOf(rows), "a good message is missing");
    Set<String> messageIds = messageIds(rows);
    // At least once allows a message twice; report it rather than assert it away.
    System.out.printf(
        "at-least-once: %d rows for %d messages, %d duplicate(s)%n",
        rows.size(), messageIds.size(), rows.size() - messageIds.size());
    assertDeadLetters(run.rows(table + "_error_records"), sent.size(), subscription);
  }

  /**
   * A job stopped and started again on its subscription. The first run is stopped the way a drain
   * stops a Dataflow job: once everything it has read is in a table. (A hard cancel discards what
   * the runner has read and already acknowledged to Pub/Sub, on the DirectRunner as on Dataflow,
   * whose documentation says so; that is why the template's notes say to drain.)
   */
  @Test
  void restartOnTheSameSubscriptionLosesNoMessage(PubsubEmulator emulator) throws Exception {
    String subscription = unique("restart");
    String table = tableFor(subscription);
    Map<String, String> parameters = subscriptionParameters(subscription, table);
    LocalPubsubInput input = input(parameters);
    input.create(emulator);
    List<OutgoingMessage> sent = messages(2000);
    List<OutgoingMessage> firstHalf = sent.subList(0, 1000);
    List<OutgoingMessage> secondHalf = sent.subList(1000, sent.size());
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    input.publish(emulator, firstHalf, printing(console));
    Path firstDir = dir.resolve("first");
    new LocalRun(new PubsubToBigQuery(), parameters, firstDir, printing(console))
        .addPipelineArgs(List.of("--pubsubRootUrl=" + emulator.rootUrl()))
        .until(LocalRun.accountedFor(firstHalf.size()), LIMIT)
        .execute();
    TemplateRun first = TemplateRun.reading(null, "", firstDir);
    int firstRun = first.rows(table).size() + first.rows(table + "_error_records").size();
    assertTrue(firstRun >= firstHalf.size(), "the first run stopped early: " + firstRun);

    // While no pipeline runs, the subscription keeps what is published.
    input.publish(emulator, secondHalf, printing(console));

    // Second run, on the tables the first left: until every message is in one of them.
    Path secondDir = dir.resolve("second");
    Set<Integer> all = allIndexes(sent.size());
    new LocalRun(new PubsubToBigQuery(), parameters, secondDir, printing(console))
        .addPipelineArgs(List.of("--pubsubRootUrl=" + emulator.rootUrl()))
        .keepingTablesOfPreviousRun()
        .until(
            (counts, bigQuery, tables) -> {
              Set<Integer> seen = indexesOfRows(bigQuery.rows(tables.get(0)));
              seen.addAll(indexesOfRows(bigQuery.rows(tables.get(1))));
              return seen.containsAll(all);
            },
            LIMIT)
        .execute();
    TemplateRun second = TemplateRun.reading(null, "", secondDir);
    Map<Integer, Integer> landed = new HashMap<>();
    countIndexes(second.rows(table), second.rows(table + "_error_records"), landed);

    assertEquals(all, landed.keySet(), "a message was lost across the restart");
    long again = landed.values().stream().filter(times -> times > 1).count();
    // A message read but not yet acknowledged when the first run was cancelled comes again.
    System.out.printf(
        "restart: the first run wrote %d of %d messages; %d written again after the restart%n",
        firstRun, sent.size(), again);
  }

  /**
   * Each message to the table its attribute names, in both streaming modes; a message without the
   * attribute is a dead letter at the ROUTE stage, with its payload and attributes.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void routesEachMessageToTheTableItsAttributeNames(boolean atLeastOnce, PubsubEmulator emulator)
      throws Exception {
    String subscription = unique("route");
    String prefix = subscription.replace('-', '_');
    Map<String, String> parameters = subscriptionParameters(subscription, tableFor(subscription));
    parameters.put("outputTableNameTemplate", prefix + "_{attribute:source}");
    String[] sources = {"web", "app", "ios"};
    List<OutgoingMessage> sent = new ArrayList<>();
    Map<String, Set<Integer>> expected = new TreeMap<>();
    for (int i = 0; i < 60; i++) {
      Map<String, String> attributes = new HashMap<>(Map.of("n", "" + i));
      String payload = "{\"event_id\":\"e-" + i + "\",\"n\":" + i + "}";
      if (i % 10 == 4) {
        payload = "{\"event_id\": ";
      } else if (i % 10 != 9) {
        attributes.put("source", sources[i % 3]);
        expected.computeIfAbsent(sources[i % 3], s -> new TreeSet<>()).add(i);
      }
      sent.add(OutgoingMessage.utf8(payload, attributes));
    }

    TemplateRun run =
        atLeastOnce
            ? runUntilAccountedFor(
                emulator, parameters, sent, "--experiments=streaming_mode_at_least_once")
            : runUntilAccountedFor(emulator, parameters, sent);

    assertEquals(60, run.result.counts().read(), run.console);
    assertTrue(run.result.counts().balanced(), run.console);
    for (Map.Entry<String, Set<Integer>> table : expected.entrySet()) {
      String name = PROJECT + ":stream." + prefix + "_" + table.getKey();
      assertEquals(table.getValue(), indexesOf(run.rows(name)), name);
    }
    Map<String, Integer> deadByStage = new TreeMap<>();
    for (JsonNode deadLetter : run.rows(tableFor(subscription) + "_error_records")) {
      deadByStage.merge(deadLetter.get("stage").asText(), 1, Integer::sum);
      if (deadLetter.get("stage").asText().equals("ROUTE")) {
        assertTrue(
            deadLetter.get("errorMessage").asText().contains("no attribute 'source'"),
            deadLetter.toString());
        assertTrue(deadLetter.get("payloadString").asText().startsWith("{\"event_id\""));
      }
    }
    assertEquals(Map.of("PARSE", 6, "ROUTE", 6), deadByStage);
  }

  /** Also runs a UDF: its outputs leave at the end of each bundle, with their own timestamps. */
  @Test
  void readsTopicThroughUdfAndWritesPublishTimeAndAttributesAsJson(PubsubEmulator emulator)
      throws Exception {
    String topic = unique("topic");
    String table = tableFor(topic);
    Map<String, String> parameters = new HashMap<>();
    parameters.put("inputTopic", "projects/" + PROJECT + "/topics/" + topic);
    parameters.put("outputTableSpec", table);
    parameters.put("JSONPath", FIXTURES + "json-metadata-schema.json");
    parameters.put("publishTimeColumn", "published");
    parameters.put("attributesColumn", "attrs");
    parameters.put(
        "javascriptTextTransformGcsPath", "src/test/resources/GcsJsonToBigQueryTest/udf.js");
    parameters.put("javascriptTextTransformFunctionName", "process");
    List<OutgoingMessage> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String mark = i % 5 == 0 ? ",\"drop\":true" : i == 7 ? ",\"explode\":true" : "";
      sent.add(
          OutgoingMessage.utf8("{\"event_id\":\"t-" + i + "\"" + mark + "}", Map.of("n", "" + i)));
    }
    Instant before = Instant.now();

    TemplateRun run = runUntilAccountedFor(emulator, parameters, sent);

    assertEquals(20, run.result.counts().read(), run.console);
    assertEquals(4, run.result.counts().filtered(), run.console);
    assertEquals(1, run.result.counts().deadLettered(), run.console);
    List<JsonNode> rows = run.rows(table);
    assertEquals(15, rows.size());
    for (JsonNode row : rows) {
      assertTrue(row.get("event_id").asText().startsWith("T-"), row.toString());
      String n = row.get("event_id").asText().substring(2);
      assertEquals(
          Map.of("n", n), JSON.convertValue(JSON.readTree(row.get("attrs").asText()), Map.class));
      Instant published = Instant.parse(row.get("published").asText());
      assertTrue(
          !published.isBefore(before.minusSeconds(1)) && !published.isAfter(Instant.now()),
          published + " is not the time of publishing");
    }
    JsonNode deadLetter = run.rows(table + "_error_records").get(0);
    assertEquals("UDF", deadLetter.get("stage").asText());
    assertTrue(deadLetter.get("errorMessage").asText().contains("cannot process t-7"));
  }

  @Test
  void runThatNeverGetsItsMessagesStopsAtItsLimitAndSaysWhatItSaw(PubsubEmulator emulator)
      throws Exception {
    String subscription = unique("quiet");
    Map<String, String> parameters = subscriptionParameters(subscription, tableFor(subscription));
    input(parameters).create(emulator);

    LocalRunTimeoutException e =
        assertThrows(
            LocalRunTimeoutException.class,
            () ->
                new LocalRun(
                        new PubsubToBigQuery(),
                        parameters,
                        dir,
                        printing(new ByteArrayOutputStream()))
                    .addPipelineArgs(List.of("--pubsubRootUrl=" + emulator.rootUrl()))
                    .until(LocalRun.accountedFor(5), Duration.ofSeconds(5))
                    .execute());
    assertTrue(e.getMessage().contains("0 records read"), e.getMessage());
    assertTrue(e.getMessage().contains("--timeout"), e.getMessage());
    assertTrue(e.getMessage().contains("waiting for every record to be read"), e.getMessage());
    // What arrived is written all the same, to see why the rest did not.
    assertTrue(Files.exists(dir.resolve("summary.json")));
    assertEquals(
        "TIMED_OUT", JSON.readTree(dir.resolve("summary.json").toFile()).get("state").asText());
  }

  // --- helpers ---

  /**
   * Messages 0..count-1, 4 in every 100 bad: not JSON, a wrong type, not UTF-8, a missing field.
   */
  private static List<OutgoingMessage> messages(int count) {
    List<OutgoingMessage> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<String, String> attributes = Map.of("n", "" + i, "origin", "test");
      messages.add(
          switch (badKind(i)) {
            case "PARSE" ->
                OutgoingMessage.utf8("{\"event_id\": \"e-" + i + "\", \"n\": ", attributes);
            case "CONVERT" ->
                OutgoingMessage.utf8(
                    i % 100 == 11
                        ? "{\"event_id\":\"e-" + i + "\",\"n\":\"eleven\"}"
                        : "{\"n\":" + i + "}",
                    attributes);
            case "NOT_UTF8" -> new OutgoingMessage(NOT_UTF8, attributes);
            default ->
                OutgoingMessage.utf8(
                    "{\"event_id\":\"e-" + i + "\",\"n\":" + i + ",\"note\":\"café ✓\"}",
                    attributes);
          });
    }
    return messages;
  }

  /** What is wrong with message {@code i}, or "" for a good one. */
  private static String badKind(int i) {
    return switch (i % 100) {
      case 3 -> "PARSE";
      case 11, 23 -> "CONVERT";
      case 17 -> "NOT_UTF8";
      default -> "";
    };
  }

  /**
   * The stage at which a message of {@code kind} fails: a payload is decoded where it is parsed.
   */
  private static String stageOf(String kind) {
    return kind.equals("NOT_UTF8") ? "PARSE" : kind;
  }

  private static Set<Integer> goodIndexes(int count) {
    Set<Integer> good = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      if (badKind(i).isEmpty()) {
        good.add(i);
      }
    }
    return good;
  }

  private static Set<Integer> allIndexes(int count) {
    Set<Integer> all = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    return all;
  }

  private static void assertCounts(LocalRunResult result, int sent) {
    int good = goodIndexes(sent).size();
    assertEquals(sent, result.counts().read());
    assertEquals(good, result.counts().written());
    assertEquals(sent - good, result.counts().deadLettered());
    assertTrue(result.counts().balanced());
  }

  /** Every bad message is one dead-letter row with its id, attributes, payload and stage. */
  private static void assertDeadLetters(List<JsonNode> deadLetters, int sent, String subscription)
      throws Exception {
    assertEquals(sent - goodIndexes(sent).size(), deadLetters.size());
    Set<Integer> seen = new HashSet<>();
    for (JsonNode row : deadLetters) {
      int n = attributeN(row.get("attributes"));
      assertTrue(seen.add(n), "dead-lettered twice: " + n);
      assertEquals(stageOf(badKind(n)), row.get("stage").asText(), row.toString());
      assertTrue(row.hasNonNull("messageId"), row.toString());
      assertEquals(
          "projects/" + PROJECT + "/subscriptions/" + subscription, row.get("source").asText());
      assertTrue(row.get("errorMessage").asText().length() > 10, row.toString());
      if (badKind(n).equals("NOT_UTF8")) {
        assertArrayEquals(NOT_UTF8, Base64.getDecoder().decode(row.get("payloadBytes").asText()));
      } else {
        assertTrue(row.get("payloadString").asText().contains("" + n), row.toString());
      }
    }
  }

  private static Set<Integer> indexesOf(List<JsonNode> rows) {
    Set<Integer> indexes = new TreeSet<>();
    for (JsonNode row : rows) {
      assertEquals("e-" + row.get("n").asText(), row.get("event_id").asText());
      indexes.add(attributeN(row.get("attributes")));
    }
    return indexes;
  }

  /** The indexes of rows as Beam's in-process BigQuery holds them, from their attributes. */
  private static Set<Integer> indexesOfRows(List<TableRow> rows) {
    Set<Integer> indexes = new HashSet<>();
    if (rows != null) {
      rows.forEach(row -> indexes.add(attributeN(JSON.valueToTree(row.get("attributes")))));
    }
    return indexes;
  }

  private static void countIndexes(
      List<JsonNode> rows, List<JsonNode> deadLetters, Map<Integer, Integer> times) {
    rows.forEach(row -> times.merge(attributeN(row.get("attributes")), 1, Integer::sum));
    deadLetters.forEach(row -> times.merge(attributeN(row.get("attributes")), 1, Integer::sum));
  }

  /** The "n" attribute from a REPEATED RECORD of key and value. */
  private static int attributeN(JsonNode attributes) {
    for (JsonNode pair : attributes) {
      if (pair.get("key").asText().equals("n")) {
        return Integer.parseInt(pair.get("value").asText());
      }
    }
    throw new AssertionError("no attribute n in " + attributes);
  }

  private static Set<String> messageIds(List<JsonNode> rows) {
    Set<String> ids = new HashSet<>();
    rows.forEach(row -> ids.add(row.get("message_id").asText()));
    return ids;
  }

  private TemplateRun runUntilAccountedFor(
      PubsubEmulator emulator,
      Map<String, String> parameters,
      List<OutgoingMessage> sent,
      String... pipelineArgs)
      throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    LocalRunResult result =
        new LocalPubsubRun(
                new LocalRun(new PubsubToBigQuery(), parameters, dir, printing(console))
                    .addPipelineArgs(List.of(pipelineArgs)),
                input(parameters),
                sent,
                printing(console))
            .execute(emulator.rootUrl(), LIMIT);
    return TemplateRun.reading(result, console.toString(StandardCharsets.UTF_8), dir);
  }

  private static Map<String, String> subscriptionParameters(String subscription, String table) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("inputSubscription", "projects/" + PROJECT + "/subscriptions/" + subscription);
    parameters.put("outputTableSpec", table);
    parameters.put("JSONPath", FIXTURES + "schema.json");
    parameters.put("messageIdColumn", "message_id");
    parameters.put("attributesColumn", "attributes");
    return parameters;
  }

  private static LocalPubsubInput input(Map<String, String> parameters) {
    return LocalPubsubInput.of(new PubsubToBigQuery().metadata(), parameters).orElseThrow();
  }

  /** BigQueryIO caches per table name in the JVM: every test writes its own table. */
  private static String tableFor(String name) {
    return PROJECT + ":stream." + name.replace('-', '_');
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static PrintStream printing(ByteArrayOutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
