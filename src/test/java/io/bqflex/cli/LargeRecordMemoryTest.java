package io.bqflex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record costs memory in proportion to its size: a local FILE_LOADS run of a file with one large
 * JSON line (a crawled page in a STRING column) succeeds in a small heap, whichever temporary files
 * the load takes: a 20 MB line into a table loaded from JSON files (its BIGNUMERIC column keeps
 * them) in 320 MB, a 15 MB line into one loaded from Avro files, whose rows must stay under the 16
 * MB Avro block limit (AvroLoadRowLimitTest), in 256 MB. It runs the command line in a JVM of its
 * own, since the heap limit is the point.
 *
 * <p>The JSON case had 256 MB until it failed one CI run in several: Beam's in-process load job
 * reads the file back a line at a time through Jackson (about 100 MB passing for a 20 MB line), and
 * with both cores busy G1 found ~190 MB still live at that moment in a quarter of the runs (GC log,
 * 2026-12-03). 320 MB passed eight runs of eight under the same load.
 */
class LargeRecordMemoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OUTPUT_TABLE = "my-project:crawl.pages";

  @TempDir Path dir;

  @Test
  void loadsOneTwentyMegabyteJsonLineFromJsonFilesInA320MegabyteHeap() throws Exception {
    assertLoadsIn(320, "schema-json-files.json", 20_000_000);
  }

  @Test
  void loadsOneFifteenMegabyteJsonLineFromAvroFilesInA256MegabyteHeap() throws Exception {
    assertLoadsIn(256, "schema.json", 15_000_000);
  }

  private void assertLoadsIn(int heapMegabytes, String schemaFile, int bodyChars) throws Exception {
    Path input = dir.resolve("pages.json");
    writePages(input, bodyChars);
    Path schema = Path.of("src/test/resources/LargeRecordMemoryTest", schemaFile).toAbsolutePath();
    Path out = dir.resolve("out");
    Path log = dir.resolve("run.log");

    Process run =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMegabytes + "m",
                // An out-of-memory failure ends the run at once, instead of a long dying gasp.
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                BqflexCommand.class.getName(),
                "run",
                "gcs-json-to-bigquery",
                "--local",
                out.toString(),
                "--parameters",
                "inputFilePattern="
                    + input
                    + ",JSONPath="
                    + schema
                    + ",outputTable="
                    + OUTPUT_TABLE)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = run.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      run.destroyForcibly();
    }
    String console = Files.readString(log, StandardCharsets.UTF_8);

    assertTrue(ended, "the run did not end within 5 minutes:\n" + console);
    assertEquals(0, run.exitValue(), console);
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertEquals("DONE", summary.path("state").asText(), summary.toString());
    assertEquals(2, summary.path("counters").path("written").asLong(), summary.toString());
    assertEquals(0, summary.path("counters").path("deadLettered").asLong(), summary.toString());
    assertEquals(2, summary.path("tables").path(OUTPUT_TABLE).asLong(), summary.toString());
    assertEquals(bodyChars, bodyLengthOfLargestRow(out.resolve("my-project.crawl.pages.json")));
  }

  /** A page of {@code bodyChars} and a small one, one JSON line each. */
  private static void writePages(Path file, int bodyChars) throws IOException {
    String paragraph =
        "<p>Orders ship within two business days; returns are free for 30 days.</p>\n";
    StringBuilder body = new StringBuilder(bodyChars);
    while (body.length() < bodyChars) {
      body.append(paragraph, 0, Math.min(paragraph.length(), bodyChars - body.length()));
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(page(1, "https://shop.example.com/terms", body.toString()));
      out.newLine();
      out.write(page(2, "https://shop.example.com/", "<p>Welcome</p>"));
      out.newLine();
    }
  }

  private static String page(long id, String url, String body) throws IOException {
    return JSON.writeValueAsString(
        JSON.createObjectNode()
            .put("id", id)
            .put("url", url)
            .put("body", body)
            .set("headers", JSON.createObjectNode().put("content-type", "text/html")));
  }

  /** The body length of the table dump's largest row, read one row at a time. */
  private static int bodyLengthOfLargestRow(Path dump) throws IOException {
    int longest = 0;
    for (String line : Files.readAllLines(dump, StandardCharsets.UTF_8)) {
      longest = Math.max(longest, JSON.readTree(line).path("body").asText().length());
    }
    return longest;
  }
}
