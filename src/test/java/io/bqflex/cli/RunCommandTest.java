package io.bqflex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bqflex.local.EmulatorExtension;
import io.bqflex.local.SampleMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;

  @RegisterExtension final CapturedConsole console = new CapturedConsole();

  @Test
  void runsTemplateOnParametersInGcloudSyntaxAndLeavesTablesAndSummary() {
    String input = "src/test/resources/GcsJsonToBigQueryTest/";
    int status =
        BqflexCommand.execute(
            "run",
            "gcs-json-to-bigquery",
            "--local",
            dir.toString(),
            "--parameters",
            "^~^inputFilePattern="
                + input
                + "mixed.json~JSONPath="
                + input
                + "schema.json~outputTable=test-project:cli.events~clusteringFields=event_id,user_id");

    assertEquals(0, status, console.err());
    assertTrue(Files.exists(dir.resolve("summary.json")));
    assertTrue(Files.exists(dir.resolve("test-project.cli.events.json")));
    assertTrue(Files.exists(dir.resolve("test-project.cli.events.schema.json")));
    assertTrue(Files.exists(dir.resolve("test-project.cli.events_error_records.json")));
    assertTrue(console.out().contains("records read"));
  }

  /** The README's local run of the streaming template: it starts and stops its own emulator. */
  @Test
  void runsStreamingSampleOnItsOwnEmulatorUntilEveryMessageIsInATable() throws Exception {
    EmulatorExtension.launcherOrSkip();
    int status =
        BqflexCommand.execute(
            "run",
            "pubsub-to-bigquery",
            "--local",
            dir.toString(),
            "--parameters",
            Files.readString(Path.of("templates/pubsub-to-bigquery/samples/parameters.txt"))
                .trim());

    assertEquals(0, status, console.err());
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    int messages =
        SampleMessages.read(Path.of("templates/pubsub-to-bigquery/samples/messages.jsonl")).size();
    assertEquals(messages, summary.at("/counters/read").asInt(), summary.toString());
    assertTrue(summary.get("balanced").asBoolean(), summary.toString());
    assertTrue(summary.at("/counters/deadLettered").asInt() > 0, summary.toString());
    assertEquals(
        summary.at("/counters/written").asInt(),
        summary.at("/tables/bqflex-local:streaming.events").asInt());
    String printed = console.out();
    assertTrue(printed.contains("Starting the Pub/Sub emulator"), printed);
    assertTrue(printed.contains("Published " + messages + " message(s)"), printed);
  }

  @Test
  void refusesStreamingRunWithBothInputsBeforeStartingAnything() {
    int status =
        BqflexCommand.execute(
            "run",
            "pubsub-to-bigquery",
            "--local",
            dir.toString(),
            "--parameters",
            "inputTopic=projects/my-project/topics/orders,inputSubscription=projects/my-project/subscriptions/orders,"
                + "outputTableSpec=my-project:shop.orders");

    assertEquals(2, status);
    String message = console.err();
    assertTrue(message.contains("give exactly one of the parameters"), message);
    assertTrue(!console.out().contains("emulator"), "started something");
  }

  @Test
  void refusesMissingMessagesFileBeforeStartingAnything() throws Exception {
    int status =
        BqflexCommand.execute(
            "run",
            "pubsub-to-bigquery",
            "--local",
            dir.toString(),
            "--messages",
            dir.resolve("nope.jsonl").toString(),
            "--parameters",
            Files.readString(Path.of("templates/pubsub-to-bigquery/samples/parameters.txt"))
                .trim());

    assertEquals(2, status);
    assertTrue(console.err().contains("--messages: no file"), console.err());
    assertTrue(!console.out().contains("emulator"), "started something");
  }

  @Test
  void refusesInvalidParametersWithExitTwoAndOneLineEach() {
    int status =
        BqflexCommand.execute(
            "run",
            "gcs-csv-to-bigquery",
            "--local",
            dir.toString(),
            "--parameters",
            "outputTable=not-a-table,writeDisposition=WRITE_SOMETIMES");

    assertEquals(2, status);
    String message = console.err();
    assertTrue(message.contains("inputFilePattern"), message);
    assertTrue(message.contains("outputTable"), message);
    assertTrue(message.contains("WRITE_SOMETIMES"), message);
  }

  @Test
  void refusesUnknownTemplateListingTheCatalog() {
    int status = BqflexCommand.execute("run", "gcs-xml-to-bigquery", "--local", dir.toString());

    assertEquals(2, status);
    assertTrue(console.err().contains("gcs-csv-to-bigquery"));
  }

  private static String pubsubSampleParameters() throws Exception {
    return Files.readString(Path.of("templates/pubsub-to-bigquery/samples/parameters.txt")).trim();
  }
}
