package io.bqflex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checks of the output table's parameters against the schema, made by every command that checks
 * parameters when the schema file is a local path, said to be left to the launch when it is not;
 * and a local run, which also looks at its (in-process) output table, refusing before it starts.
 * BigQuery's rule for the partitioning column:
 * https://cloud.google.com/bigquery/docs/partitioned-tables#date_timestamp_partitioned_tables.
 */
class LaunchTimeChecksTest {
  private static final String JSON = "gcs-json-to-bigquery";
  private static final String FIXTURES = "src/test/resources/LaunchTimeChecksTest/";
  private static final String STRING_PARTITION_COLUMN =
      "parameter 'timePartitioningField': column 'customer' is STRING; BigQuery partitions only by"
          + " a top-level, non-repeated column of type DATE, DATETIME or TIMESTAMP";
  private static final String SCHEMA_LEFT_TO_LAUNCH =
      " so it is read at launch; the checks against it (partitioning and clustering columns,"
          + " column types) run then";

  @TempDir Path dir;

  @RegisterExtension final CapturedConsole console = new CapturedConsole();

  private int command(String name, String parameters) {
    List<String> args = new ArrayList<>(List.of(name, JSON, "--parameters", parameters));
    switch (name) {
      case "validate" -> {}
      case "launch-request" -> args.addAll(List.of("--project", "my-project"));
      case "gcloud-run" ->
          args.addAll(List.of("--project", "my-project", "--region", "us-central1"));
      case "schedule" ->
          args.addAll(
              List.of(
                  "--project=my-project",
                  "--region=us-central1",
                  "--schedule=0 3 * * *",
                  "--time-zone=Etc/UTC",
                  "--service-account=scheduler@my-project.iam.gserviceaccount.com",
                  "--body-file=" + dir.resolve("body.json")));
      default -> throw new IllegalArgumentException(name);
    }
    return BqflexCommand.execute(args.toArray(String[]::new));
  }

  private static String parameters(String schema, String extra) {
    return "inputFilePattern=gs://my-bucket/orders/*.json,outputTable=my-project:shop.orders,JSONPath="
        + schema
        + (extra.isEmpty() ? "" : "," + extra);
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "launch-request", "gcloud-run", "schedule"})
  void everyCommandThatChecksParametersChecksThemAgainstALocalSchemaFile(String name) {
    int status =
        command(name, parameters(FIXTURES + "schema.json", "timePartitioningField=customer"));

    assertEquals(2, status, console.out());
    List<String> lines = console.err().lines().toList();
    assertEquals(
        List.of("bqflex: " + name + ": invalid input, nothing done:", STRING_PARTITION_COLUMN),
        lines);
    assertEquals("", console.out());
    assertFalse(Files.exists(dir.resolve("body.json")), "nothing written");
  }

  @Test
  void validateOfTheStreamingTemplateChecksItsMessageColumnsAndPartitioningAgainstTheSchema() {
    int status =
        BqflexCommand.execute(
            "validate",
            "pubsub-to-bigquery",
            "--parameters",
            "inputTopic=projects/my-project/topics/orders,outputTableSpec=my-project:shop.orders,"
                + "JSONPath="
                + FIXTURES
                + "schema.json,timePartitioningField=customer,messageIdColumn=message_id");

    assertEquals(2, status, console.out());
    List<String> lines = console.err().lines().toList();
    assertEquals(3, lines.size(), console.err());
    assertTrue(lines.get(1).startsWith("parameter 'messageIdColumn': "), console.err());
    assertEquals(STRING_PARTITION_COLUMN, lines.get(2));
  }

  @Test
  void validateSaysTheSchemaChecksOfACloudStorageSchemaRunAtLaunch() {
    String schema = "gs://my-bucket/schemas/orders.json";

    assertEquals(
        0,
        command("validate", parameters(schema, "timePartitioningField=customer")),
        console.err());

    assertEquals(
        List.of(
            "ok: 4 parameter(s) valid for gcs-json-to-bigquery (every required parameter given)",
            "note: JSONPath: " + schema + " is not a local file," + SCHEMA_LEFT_TO_LAUNCH,
            "note: outputTable: whether table my-project:shop.orders exists and is partitioned as"
                + " the parameters say is checked at launch"),
        console.out().lines().toList());
  }

  @Test
  void validateWithoutSchemaFileSaysTheTablesSchemaIsCheckedAtLaunch() {
    assertEquals(
        0,
        BqflexCommand.execute(
            "validate",
            JSON,
            "--parameters",
            "inputFilePattern=gs://my-bucket/orders/*.json,outputTable=my-project:shop.orders"),
        console.err());

    assertTrue(
        console
            .out()
            .contains(
                "note: JSONPath: not given, so the schema is the existing outputTable's, read at"
                    + " launch; the checks against it (partitioning and clustering columns, column"
                    + " types) run then\n"),
        console.out());
  }

  @Test
  void launchRequestPrintsTheRequestAndTheChecksLeftToLaunchApart() {
    String schema = "gs://my-bucket/schemas/orders.json";

    assertEquals(0, command("launch-request", parameters(schema, "")), console.err());

    assertTrue(console.out().startsWith("{"), console.out());
    assertEquals(
        List.of(
            "bqflex: note: JSONPath: " + schema + " is not a local file," + SCHEMA_LEFT_TO_LAUNCH),
        console.err().lines().toList());
  }

  @Test
  void acceptsALocalSchemaThatAgreesWithThePartitioningWithoutANote() {
    assertEquals(
        0,
        command(
            "validate",
            parameters(
                FIXTURES + "schema.json",
                "timePartitioningField=placed,timePartitioningType=HOUR")),
        console.err());
    assertEquals(
        List.of(
            "ok: 5 parameter(s) valid for gcs-json-to-bigquery (every required parameter given)",
            "note: outputTable: whether table my-project:shop.orders exists and is partitioned as"
                + " the parameters say is checked at launch"),
        console.out().lines().toList());
  }

  private int runLocally(Path local, String extra) {
    return BqflexCommand.execute(
        "run",
        JSON,
        "--local",
        local.toString(),
        "--parameters",
        "inputFilePattern="
            + FIXTURES
            + "orders.json,JSONPath="
            + FIXTURES
            + "schema.json,outputTable=my-project:shop.orders,"
            + extra);
  }

  @Test
  void localRunRefusesCreateNeverBeforeItStartsNamingTheTable() {
    Path local = dir.resolve("out");

    assertEquals(2, runLocally(local, "createDisposition=CREATE_NEVER"), console.out());

    assertEquals(
        List.of(
            "bqflex: run: invalid input, nothing done:",
            "parameter 'createDisposition': table my-project:shop.orders does not exist and"
                + " CREATE_NEVER does not create it; create the table first, or set"
                + " createDisposition=CREATE_IF_NEEDED (in-process BigQuery, as local runs use,"
                + " starts with no tables)"),
        console.err().lines().toList());
    assertFalse(Files.exists(local), "nothing may start");
  }

  @Test
  void localRunRefusesAPartitionColumnThatIsNotATimeColumnBeforeItStarts() {
    Path local = dir.resolve("out");

    assertEquals(2, runLocally(local, "timePartitioningField=customer"), console.out());

    assertEquals(
        List.of("bqflex: run: invalid input, nothing done:", STRING_PARTITION_COLUMN),
        console.err().lines().toList());
    assertFalse(Files.exists(local), "nothing may start");
  }
}
