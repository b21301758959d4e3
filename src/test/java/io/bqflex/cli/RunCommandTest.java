package io.bqflex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private PrintStream originalOut;

  @BeforeEach
  void captureConsole() {
    originalErr = System.err;
    originalOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreConsole() {
    System.setErr(originalErr);
    System.setOut(originalOut);
  }

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

    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(dir.resolve("summary.json")));
    assertTrue(Files.exists(dir.resolve("test-project.cli.events.json")));
    assertTrue(Files.exists(dir.resolve("test-project.cli.events.schema.json")));
    assertTrue(Files.exists(dir.resolve("test-project.cli.events_error_records.json")));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("records read"));
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
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("inputFilePattern"), message);
    assertTrue(message.contains("outputTable"), message);
    assertTrue(message.contains("WRITE_SOMETIMES"), message);
  }

  @Test
  void refusesUnknownTemplateListingTheCatalog() {
    int status = BqflexCommand.execute("run", "gcs-xml-to-bigquery", "--local", dir.toString());

    assertEquals(2, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("gcs-csv-to-bigquery"));
  }
}
