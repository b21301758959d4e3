package io.bqflex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a local run says, before it starts, about input it cannot use, and after it ends. */
class LocalRunEdgesTest {
  private static final String SAMPLES = "templates/gcs-csv-to-bigquery/samples/";

  @TempDir Path dir;

  @RegisterExtension final CapturedConsole console = new CapturedConsole();

  private int run(Path local, String parameters) {
    return BqflexCommand.execute(
        "run", "gcs-csv-to-bigquery", "--local", local.toString(), "--parameters", parameters);
  }

  private String err() {
    return console.err();
  }

  @Test
  void refusesCloudStorageInputNamingTheParameterInsteadOfRetryingForever() {
    assertEquals(
        2,
        run(
            dir.resolve("out"),
            "inputFilePattern=gs://my-bucket/orders/*.csv,JSONPath="
                + SAMPLES
                + "schema.json,outputTable=my-project:shop.orders"));
    assertTrue(
        err()
            .contains(
                "inputFilePattern: 'gs://my-bucket/orders/*.csv' is on Cloud Storage, but"
                    + " local runs read and write local paths"),
        err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing may start");
  }

  @Test
  void refusesDirectoryAsFilePatternSayingHowToMatchItsFiles() {
    assertEquals(
        2,
        run(
            dir.resolve("out"),
            "inputFilePattern="
                + SAMPLES
                + ",JSONPath="
                + SAMPLES
                + "schema.json,outputTable=my-project:shop.orders"));
    assertTrue(
        err()
            .contains(
                "inputFilePattern: '"
                    + SAMPLES
                    + "' is a directory, which matches no file;"
                    + " give a file or a pattern such as '"
                    + SAMPLES
                    + "*'"),
        err());
  }

  @Test
  void refusesLocalOutputThatIsAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("taken.txt"), "x");
    assertEquals(2, run(file, parametersFor(SAMPLES + "orders.csv")));
    assertTrue(err().contains("--local: " + file + " is a file; give a directory"), err());
  }

  @Test
  void saysPlainlyWhenEveryRecordWasDeadLetteredAndStillExitsZero() throws Exception {
    Path input = Files.writeString(dir.resolve("bad.csv"), "not,an,order\nstill,not,one\n");
    Path local = dir.resolve("out");

    assertEquals(0, run(local, parametersFor(input.toString())), err());

    String printed = console.out();
    assertTrue(printed.contains("EVERY record was dead-lettered"), printed);
    assertEquals(
        2,
        new ObjectMapper()
            .readTree(local.resolve("summary.json").toFile())
            .at("/counters/deadLettered")
            .asLong());
  }

  @Test
  void leavesNoEmptyTemporaryFoldersBehind() {
    Path local = dir.resolve("out");
    assertEquals(0, run(local, parametersFor(SAMPLES + "orders.csv")), err());
    assertTrue(Files.exists(local.resolve("summary.json")));
    assertFalse(Files.exists(local.resolve("tmp")), "the load files' empty folders stay");
  }

  private static String parametersFor(String input) {
    return "inputFilePattern="
        + input
        + ",JSONPath="
        + SAMPLES
        + "schema.json,outputTable=my-project:shop.orders";
  }
}
