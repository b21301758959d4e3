package io.bqflex.templates;

import static io.bqflex.templates.GcsCsvToBigQueryTest.byKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.core.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The twin of Google's "Text Files on Cloud Storage to BigQuery": each line goes, as text, to a
 * required UDF whose JSON result is the row; every line read is written, dead-lettered or filtered.
 */
class GcsTextToBigQueryTest {
  private static final String FIXTURES = "src/test/resources/GcsTextToBigQueryTest/";
  private static final String GOOGLE_SAMPLES = "src/test/resources/GoogleUdfSamplesTest/";

  @TempDir Path dir;

  private static Map<String, String> parameters(
      String input, String schema, String table, String udf, String function) {
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", input);
    p.put("JSONPath", schema);
    p.put("outputTable", table);
    p.put("javascriptTextTransformGcsPath", udf);
    p.put("javascriptTextTransformFunctionName", function);
    return p;
  }

  @Test
  void sampleFromTheReadmeWritesFiltersAndDeadLettersEachLine() throws Exception {
    TemplateRun run =
        TemplateRun.of(new GcsTextToBigQuery(), Samples.parameters("gcs-text-to-bigquery"), dir);

    // 7 lines: a comment and a blank line filtered, a line without four fields thrown on by the
    // UDF, one whose minutes are not an INT64, three rows.
    assertEquals(7, run.result.counts().read(), run.console);
    assertEquals(3, run.result.counts().written());
    assertEquals(2, run.result.counts().filtered());
    assertEquals(2, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());
    Map<Long, JsonNode> dead =
        byKey(run.rows("bqflex-local:stores.visits_error_records"), "recordNumber");
    assertEquals("CONVERT", dead.get(5L).get("stage").asText());
    assertTrue(dead.get(5L).get("errorMessage").asText().contains("minutes"), dead.toString());
    assertEquals("UDF", dead.get(6L).get("stage").asText());
    assertEquals("2026-12-01|faro|Edsger Dijkstra", dead.get(6L).get("payloadString").asText());
  }

  /**
   * Google's transform_csv.js as Google ships it, on both write methods: the Storage Write API
   * (exactly once and at least once) and load jobs. A line with a missing value leaves that column
   * NULL; one with a value too many drops it, as the sample's own code does.
   */
  @ParameterizedTest
  @CsvSource({"false,false", "true,false", "true,true"})
  void googlesTransformCsvSampleRunsUnchangedOnEveryWriteMethod(
      String storageWriteApi, String atLeastOnce) throws Exception {
    String table = "my-project:people.visitors_" + storageWriteApi + "_" + atLeastOnce;
    Map<String, String> p =
        parameters(
            FIXTURES + "people.csv",
            FIXTURES + "people-schema.json",
            table,
            GOOGLE_SAMPLES + "transform_csv.js",
            "process");
    p.put("useStorageWriteApi", storageWriteApi);
    p.put("useStorageWriteApiAtLeastOnce", atLeastOnce);

    TemplateRun run = TemplateRun.of(new GcsTextToBigQuery(), p, dir);

    assertEquals(4, run.result.counts().read(), run.console);
    assertEquals(4, run.result.counts().written(), run.console);
    assertTrue(run.result.counts().balanced());
    Map<String, JsonNode> rows = new HashMap<>();
    run.rows(table).forEach(r -> rows.put(r.get("name").asText(), r));
    assertEquals("Lisbon", rows.get("Ada").get("location").asText());
    assertEquals("36", rows.get("Ada").get("age").asText());
    assertEquals("espresso", rows.get("Ada").get("coffee").asText());
    assertEquals("latte", rows.get("Grace").get("coffee").asText());
    assertTrue(
        rows.get("Alan").path("coffee").isMissingNode() || rows.get("Alan").get("coffee").isNull());
    assertEquals("ristretto", rows.get("Edsger").get("coffee").asText());
  }

  @Test
  void everyLineReachesTheUdfAsTheTextInTheFileBlankLinesIncluded() throws Exception {
    String table = "my-project:logs.lines";
    Map<String, String> p =
        parameters(
            FIXTURES + "lines.txt",
            FIXTURES + "lines-schema.json",
            table,
            FIXTURES + "as_text.js",
            "asText");

    TemplateRun run = TemplateRun.of(new GcsTextToBigQuery(), p, dir);

    List<String> expected =
        List.of(
            "{\"event_id\": \"e1\"}", "", "  padded  ", "semi;colon;line", "Lisboa, Portugal — 東京");
    assertEquals(expected.size(), run.result.counts().written(), run.console);
    List<JsonNode> rows = run.rows(table);
    assertEquals(
        expected.stream().sorted().toList(),
        rows.stream().map(r -> r.get("line").asText()).sorted().toList());
    // A line that happens to be JSON is still a string to the UDF, not an object.
    assertTrue(rows.stream().allMatch(r -> r.get("kind").asText().equals("string")), rows + "");
  }

  /**
   * Google's template reads with Beam's TextIO, which ends a line at LF, CR LF or a lone CR (a file
   * from an old Mac, or a log whose writer mixed endings): the same file gives the same lines here.
   */
  @Test
  void aLoneCrEndsALineAsInGooglesTemplate() throws Exception {
    Path input = Files.createDirectories(dir.resolve("in")).resolve("mixed.txt");
    Files.writeString(input, "classic mac\rwindows\r\nunix\n\rafter an empty line\r");
    String table = "my-project:logs.line_ends";
    Map<String, String> p =
        parameters(
            input.toString(),
            FIXTURES + "lines-schema.json",
            table,
            FIXTURES + "as_text.js",
            "asText");

    TemplateRun run = TemplateRun.of(new GcsTextToBigQuery(), p, dir);

    assertEquals(5, run.result.counts().read(), run.console);
    assertEquals(
        List.of("", "after an empty line", "classic mac", "unix", "windows"),
        run.rows(table).stream().map(r -> r.get("line").asText()).sorted().toList());
  }

  @Test
  void aUdfThatThrowsDeadLettersTheOriginalLineAndNullIsACountedFilter() throws Exception {
    String table = "my-project:logs.judged";
    String input = FIXTURES + "judged.txt";
    Map<String, String> p =
        parameters(input, FIXTURES + "lines-schema.json", table, FIXTURES + "judge.js", "judge");

    TemplateRun run = TemplateRun.of(new GcsTextToBigQuery(), p, dir);

    List<String> lines = Files.readAllLines(Path.of(input), StandardCharsets.UTF_8);
    assertEquals(lines.size(), run.result.counts().read(), run.console);
    assertEquals(3, run.result.counts().written());
    assertEquals(1, run.result.counts().filtered());
    assertEquals(2, run.result.counts().deadLettered());
    // Conservation: every line read is accounted for exactly once.
    assertEquals(
        run.result.counts().read(),
        run.result.counts().written()
            + run.result.counts().deadLettered()
            + run.result.counts().filtered());
    assertEquals(3, run.rows(table).size());
    assertEquals(
        run.result.counts().filtered(), run.summary().get("counters").get("filtered").asLong());

    Map<Long, JsonNode> dead = byKey(run.rows(table + "_error_records"), "recordNumber");
    assertEquals(2, dead.size());
    JsonNode thrown = dead.get(3L);
    assertEquals("UDF", thrown.get("stage").asText());
    assertEquals(lines.get(2), thrown.get("payloadString").asText());
    assertTrue(thrown.get("errorMessage").asText().contains("cannot judge"), thrown.toString());
    JsonNode badRow = dead.get(4L);
    assertEquals("CONVERT", badRow.get("stage").asText());
    assertEquals(lines.get(3), badRow.get("payloadString").asText());
    assertTrue(badRow.get("errorMessage").asText().contains("length"), badRow.toString());
  }

  @ParameterizedTest
  @CsvSource({"javascriptTextTransformGcsPath", "javascriptTextTransformFunctionName"})
  void refusesALaunchWithoutTheUdfNamingTheMissingParameter(String missing) {
    Map<String, String> p =
        parameters(
            FIXTURES + "people.csv",
            FIXTURES + "people-schema.json",
            "my-project:people.no_udf",
            GOOGLE_SAMPLES + "transform_csv.js",
            "process");
    p.remove(missing);

    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () -> TemplateRun.of(new GcsTextToBigQuery(), p, dir));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
  }

  @Test
  void refusesToBuildAPipelineWithoutTheUdfFromOptionsThatSkippedTheLaunchCheck() {
    GcsTextToBigQuery.Options options =
        PipelineOptionsFactory.fromArgs(
                "--inputFilePattern=" + FIXTURES + "people.csv",
                "--JSONPath=" + FIXTURES + "people-schema.json",
                "--outputTable=my-project:people.no_udf")
            .as(GcsTextToBigQuery.Options.class);

    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> new GcsTextToBigQuery().build(Pipeline.create(options), options));
    assertEquals("javascriptTextTransformGcsPath", e.parameter());
    assertTrue(e.getMessage().contains("javascriptTextTransformFunctionName"), e.getMessage());
  }
}
