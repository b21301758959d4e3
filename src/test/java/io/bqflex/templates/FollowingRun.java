package io.bqflex.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.Table;
import io.bqflex.local.LocalPubsubInput;
import io.bqflex.local.LocalRun;
import io.bqflex.local.OutgoingMessage;
import io.bqflex.local.PubsubEmulator;
import io.bqflex.rows.BigQuerySchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;

/**
 * A run of the Pub/Sub template on the emulator that follows its table's schema, for the tests of
 * tables that change while a job runs: a subscription and table of its own, the parameters with
 * which a new column settles within seconds in the streaming mode asked, and the run's console.
 */
final class FollowingRun {
  private static final String PROJECT = "test-project";
  private static final String SCHEMA = "src/test/resources/PubsubToBigQueryTest/schema.json";
  private static final Duration LIMIT = Duration.ofMinutes(4);

  private final boolean atLeastOnce;
  private final PubsubEmulator emulator;
  private final String table;
  private final int refreshSeconds;
  private final Map<String, String> parameters = new HashMap<>();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
  private LocalPubsubInput input;
  private boolean keepTables;

  /** The attribute whose value ends each message's table name; null where not routed. */
  private String routingAttribute;

  /**
   * @param name starts the subscription's and the table's names
   * @param more parameters besides, name then value
   */
  FollowingRun(String name, boolean atLeastOnce, PubsubEmulator emulator, String... more) {
    this.atLeastOnce = atLeastOnce;
    this.emulator = emulator;
    String subscription = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    table = PROJECT + ":stream." + subscription.replace('-', '_');
    parameters.put("inputSubscription", "projects/" + PROJECT + "/subscriptions/" + subscription);
    parameters.put("outputTableSpec", table);
    parameters.put("JSONPath", SCHEMA);
    if (atLeastOnce) {
      refreshSeconds = 1;
    } else {
      // An exactly-once job needs a fixed number of streams (a stream learns a new column from its
      // own appends only): with one, every message's append teaches it. It appends once per
      // triggering period, which must be shorter than the refresh period.
      refreshSeconds = 2;
      parameters.put("numStorageWriteApiStreams", "1");
      parameters.put("storageWriteApiTriggeringFrequencySec", "1");
    }
    parameters.put("tableSchemaRefreshSeconds", "" + refreshSeconds);
    for (int i = 0; i < more.length; i += 2) {
      parameters.put(more[i], more[i + 1]);
    }
  }

  String table() {
    return table;
  }

  /**
   * Routes each message to the table {@link #table()} + {@code "_"} + its attribute {@code
   * attribute}, without {@code JSONPath}: each table's own schema converts its messages, so the
   * test makes the tables before the run, which keeps them.
   */
  FollowingRun routedByAttribute(String attribute) {
    parameters.remove("JSONPath");
    parameters.put(
        "outputTableNameTemplate",
        table.substring(table.indexOf('.') + 1) + "_{attribute:" + attribute + "}");
    keepTables = true;
    routingAttribute = attribute;
    return this;
  }

  /**
   * Makes the routed tables {@link #table()} + {@code "_"} + each of {@code suffixes}, with the
   * schema file's columns, in a fresh in-process BigQuery; after {@link #routedByAttribute}.
   */
  FakeDatasetService createRoutedTables(String... suffixes) throws Exception {
    FakeDatasetService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    datasets.createDataset(PROJECT, "stream", "", "", null);
    for (String suffix : suffixes) {
      datasets.createTable(
          new Table()
              .setTableReference(BigQueryHelpers.parseTableSpec(table + "_" + suffix))
              .setSchema(BigQuerySchemas.parse(Files.readString(schemaFile()), SCHEMA)));
    }
    return datasets;
  }

  /** {@code message} routed to table {@link #table()} + {@code "_"} + {@code suffix}. */
  OutgoingMessage routedTo(OutgoingMessage message, String suffix) {
    Map<String, String> attributes = new HashMap<>(message.attributes());
    attributes.put(routingAttribute, suffix);
    return new OutgoingMessage(message.data(), attributes);
  }

  /** The schema file the run starts with. */
  static Path schemaFile() {
    return Path.of(SCHEMA);
  }

  Duration refreshPeriod() {
    return Duration.ofSeconds(refreshSeconds);
  }

  /** The run, publishing {@code first} once it has started and stopping when {@code done}. */
  LocalRun localRun(Path dir, List<OutgoingMessage> first, LocalRun.StopCondition done)
      throws IOException, InterruptedException {
    input = LocalPubsubInput.of(new PubsubToBigQuery().metadata(), parameters).orElseThrow();
    input.create(emulator);
    LocalRun run =
        new LocalRun(new PubsubToBigQuery(), parameters, dir, out)
            .addPipelineArgs(List.of("--pubsubRootUrl=" + emulator.rootUrl()))
            .afterStart(
                () -> {
                  if (!first.isEmpty()) {
                    publish(first);
                  }
                })
            .until(done, LIMIT);
    if (atLeastOnce) {
      run.addPipelineArgs(List.of("--experiments=streaming_mode_at_least_once"));
    }
    return keepTables ? run.keepingTablesOfPreviousRun() : run;
  }

  /** Publishes to the run's subscription; after {@link #localRun}. */
  void publish(List<OutgoingMessage> messages) throws IOException, InterruptedException {
    input.publish(emulator, messages, out);
  }

  /** What the run left in {@code dir}, and its console. */
  TemplateRun result(Path dir) {
    return TemplateRun.reading(null, console.toString(StandardCharsets.UTF_8), dir);
  }

  /** The message number ({@code "n"}) of a dead letter's payload. */
  static int messageNumber(JsonNode deadLetter) {
    String payload = deadLetter.get("payloadString").asText();
    return Integer.parseInt(payload.replaceAll(".*\"n\":(\\d+).*", "$1"));
  }
}
