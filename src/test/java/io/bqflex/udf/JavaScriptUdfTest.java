package io.bqflex.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JavaScriptUdfTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path fixture(String name) {
    return UdfFixtures.path(JavaScriptUdfTest.class, name);
  }

  private static UdfSpec spec(String file, String function) {
    return UdfSpec.from(fixture(file).toString(), function, 0).orElseThrow();
  }

  private static JavaScriptUdf udf(String file, String function) throws Exception {
    return new JavaScriptUdf(spec(file, function));
  }

  private static RecordException udfError(JavaScriptUdf udf, String json) {
    RecordException e = assertThrows(RecordException.class, () -> udf.apply(json));
    assertEquals(Stage.UDF, e.stage());
    return e;
  }

  @Test
  void transformAddsAndRenamesFields() throws Exception {
    try (JavaScriptUdf udf = udf("transform.js", "transform")) {
      JsonNode out = JSON.readTree(udf.apply("{\"name\":\"Ada\",\"age\":36}"));
      assertEquals("bqflex", out.get("source").asText());
      assertEquals("Ada", out.get("full_name").asText());
      assertFalse(out.has("name"));
      assertEquals(36, out.get("age").asInt());
    }
  }

  @Test
  void filtersRecordWhenUdfReturnsNull() throws Exception {
    try (JavaScriptUdf udf = udf("filter.js", "dropInactive")) {
      assertNull(udf.apply("{\"status\":\"deleted\"}"));
    }
  }

  @Test
  void filtersRecordWhenUdfReturnsUndefined() throws Exception {
    try (JavaScriptUdf udf = udf("filter.js", "dropInactive")) {
      assertNull(udf.apply("{\"status\":\"inactive\"}"));
    }
  }

  @Test
  void filtersRecordWhenUdfReturnsEmptyStringAsGooglesTemplatesDo() throws Exception {
    try (JavaScriptUdf udf = udf("filter.js", "emptyString")) {
      assertNull(udf.apply("{\"status\":\"active\"}"));
    }
  }

  @Test
  void keepsRecordTheFilterPasses() throws Exception {
    String record = "{\"status\":\"active\"}";
    try (JavaScriptUdf udf = udf("filter.js", "dropInactive")) {
      assertEquals(record, udf.apply(record));
    }
  }

  @Test
  void enrichAddsComputedFields() throws Exception {
    try (JavaScriptUdf udf = udf("enrich.js", "enrich")) {
      JsonNode out = JSON.readTree(udf.apply("{\"sku\":\"ab-1\",\"price\":12.5,\"quantity\":10}"));
      assertEquals(12.5 * 10, out.get("total").asDouble());
      assertTrue(out.get("big_order").asBoolean());
      assertEquals("AB-1", out.get("sku").asText());
    }
  }

  @Test
  void thrownErrorNamesFunctionFileLineAndMessage() throws Exception {
    int line = UdfFixtures.lineOf(fixture("throw.js"), "throw new Error");
    try (JavaScriptUdf udf = udf("throw.js", "validate")) {
      RecordException e = udfError(udf, "{\"name\":\"no id\"}");
      assertEquals(
          "UDF 'validate' threw at throw.js:" + line + ": Error: record has no id", e.getMessage());
    }
  }

  @Test
  void typeErrorInUdfIsThatRecordsError() throws Exception {
    try (JavaScriptUdf udf = udf("throw.js", "typeError")) {
      RecordException e = udfError(udf, "{}");
      assertTrue(e.getMessage().startsWith("UDF 'typeError' threw at throw.js:"), e.getMessage());
      assertTrue(e.getMessage().contains("TypeError"), e.getMessage());
    }
  }

  @Test
  void endlessRecursionIsThatRecordsError() throws Exception {
    try (JavaScriptUdf udf = udf("throw.js", "recurse")) {
      RecordException e = udfError(udf, "{}");
      assertTrue(e.getMessage().contains("recursion"), e.getMessage());
    }
  }

  /** Every way out, in escapes.js (ES5) and again in escapes_es6.js (ES6). */
  static Stream<Arguments> escapes() {
    List<String> ways =
        List.of(
            "javaType",
            "packages",
            "javaGlobal",
            "javaxGlobal",
            "javaImporter",
            "loadFile",
            "loadUrl",
            "loadNewGlobal",
            "exitProcess",
            "quitProcess",
            "polyglot",
            "engineGlobal",
            "contextGlobal",
            "reflection",
            "classLoader",
            "globalThisJava");
    Stream<Arguments> es5 = ways.stream().map(way -> Arguments.of("escapes.js", way));
    Stream<Arguments> es6 =
        Stream.concat(ways.stream(), Stream.of("shellExec"))
            .map(way -> Arguments.of("escapes_es6.js", way));
    return Stream.concat(es5, es6);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("escapes")
  void sandboxEscapeFailsAsThatRecordsUdfError(String file, String escape) throws Exception {
    try (JavaScriptUdf udf = udf(file, escape)) {
      RecordException first = udfError(udf, "{\"n\":1}");
      assertTrue(first.getMessage().startsWith("UDF '" + escape + "'"), first.getMessage());
      // The worker is unharmed: the same instance takes the next record (and fails it the same
      // way).
      assertEquals(first.getMessage(), udfError(udf, "{\"n\":2}").getMessage());
    }
  }

  private static void assertReturns(String file, String function, String in, String out)
      throws Exception {
    try (JavaScriptUdf udf = udf(file, function)) {
      assertEquals(out, udf.apply(in));
    }
  }

  @Test
  void backquotesAreTemplateLiteralsNotShellCommands() throws Exception {
    assertReturns("escapes_es6.js", "backquote", "{}", "{\"out\":\"id\"}");
  }

  @Test
  void es6ConstLetArrowsTemplatesForOfDefaultsMapAndSetRun() throws Exception {
    try (JavaScriptUdf udf = udf("es6.js", "enrich")) {
      JsonNode out =
          JSON.readTree(
              udf.apply("{\"sku\":\"a-1\",\"price\":10,\"tags\":[\"New\",\"new\",\"Sale\"]}"));
      assertEquals(12.3, out.get("gross").asDouble());
      assertEquals("a-1@PT", out.get("label").asText());
      assertEquals(JSON.readTree("[\"new\",\"sale\"]"), out.get("tags"));
      JsonNode second =
          JSON.readTree(udf.apply("{\"sku\":\"b\",\"price\":100,\"country\":\"DE\"}"));
      assertEquals(119.0, second.get("gross").asDouble());
      assertEquals(2, second.get("call").asInt(), "top-level let keeps its value between records");
    }
  }

  @Test
  void topLevelConstArrowFunctionCanBeTheUdf() throws Exception {
    assertReturns("es6.js", "arrowProcess", "{\"n\":4}", "{\"arrow\":true,\"n\":4}");
  }

  @Test
  void nashornSyntaxExtensionsRunAsInGooglesEngine() throws Exception {
    assertReturns("es6.js", "extensions", "{\"values\":[1,2,3]}", "{\"total\":12}");
  }

  @Test
  void endlessEs6LoopIsStoppedAfterTimeLimitAndNextRecordWorks() throws Exception {
    UdfSpec spec = spec("loop_es6.js", "maybeSpin").withTimeLimit(Duration.ofMillis(200));
    String normal = "{\"spin\":false,\"n\":1}";
    try (JavaScriptUdf udf = new JavaScriptUdf(spec)) {
      RecordException e = udfError(udf, "{\"spin\":true}");
      assertTrue(e.getMessage().contains("did not return within 200 ms"), e.getMessage());
      assertEquals(normal, udf.apply(normal));
    }
  }

  /**
   * Built-ins of ES2015-2017 that Nashorn's ES6 mode lacks are supplied (missing-builtins.js), as
   * the specification defines them, to a UDF that names them (builtins.js names them all).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[1, NaN].includes(NaN)                           | true",
        "[1, 2, 3].includes(1, 1)                         | false",
        "[1, 2, 3].includes(3, -1)                        | true",
        "[{id: 1}, {id: 2}].find(r => r.id === 2).id      | 2",
        "[1].find(x => x > 1) === undefined               | true",
        "[5, 6].findIndex(x => x > 5)                     | 1",
        "Array.from(new Set([1, 1, 2]))                   | [1, 2]",
        "Array.from('ab', c => c.toUpperCase())           | [\"A\", \"B\"]",
        "Array.from({length: 2, 0: 'x', 1: 'y'})          | [\"x\", \"y\"]",
        "Array.of(7)                                      | [7]",
        "Object.assign({a: 1}, null, {b: 2}, {a: 3})      | {\"a\": 3, \"b\": 2}",
        "Object.values({a: 1, b: 'x'})                    | [1, \"x\"]",
        "Object.entries({a: 1})                           | [[\"a\", 1]]",
        "Number.isInteger(5.0)                            | true",
        "Number.isInteger('5')                            | false",
        "Number.isInteger(5.5)                            | false",
        "Number.isNaN('x')                                | false",
        "Number.isNaN(NaN)                                | true",
        "Number.isFinite(1 / 0)                           | false",
        "Number.isFinite('1')                             | false",
        "'bigquery'.includes('query')                     | true",
        "'bigquery'.includes('big', 1)                    | false",
        "'7'.padStart(3, '0')                             | \"007\"",
        "'ab'.padEnd(5, 'xy')                             | \"abxyx\"",
        "'abc'.padStart(2)                                | \"abc\"",
        "Math.trunc(-4.7)                                 | -4",
        "Math.sign(-3)                                    | -1",
        "(function () { var k = []; for (var i in [1]) k.push(i); return k; })() | [\"0\"]",
        "(function () { var k = []; for (var i in {a: 1}) k.push(i); return k; })() | [\"a\"]",
        "Object.keys(Array.prototype).length              | 0",
        "Array.prototype.includes = () => 'mine'; [].includes(1) | \"mine\""
      })
  void builtinsNashornLacksAreSupplied(String expression, String expected) throws Exception {
    try (JavaScriptUdf udf = udf("builtins.js", "evaluate")) {
      assertEquals(
          JSON.readTree("{\"value\": " + expected + "}"), JSON.readTree(udf.apply(expression)));
    }
  }

  @Test
  void suppliedBuiltinMisusedFailsThatRecordNamingTheBuiltinsFileAndLine() throws Exception {
    int line =
        UdfFixtures.lineOf(
            Paths.get(MissingBuiltins.class.getResource("missing-builtins.js").toURI()),
            "' is not a function'");
    try (JavaScriptUdf udf = udf("builtins.js", "evaluate")) {
      RecordException e = udfError(udf, "[1].find(5)");
      assertTrue(
          e.getMessage().startsWith("UDF 'evaluate' threw at bqflex-missing-builtins.js:" + line),
          e.getMessage());
      assertTrue(
          e.getMessage().endsWith("TypeError: Array.prototype.find: 5 is not a function"),
          e.getMessage());
    }
  }

  /**
   * A built-in is supplied only to a UDF whose text names it ({@code includes} here, for arrays and
   * strings alike); the others stay as Nashorn has them, absent.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[1, 2].includes(2)                | true",
        "'bigquery'.includes('query')      | true",
        "typeof [].find                    | \"undefined\"",
        "typeof Object.assign              | \"undefined\"",
        "typeof ''.padStart                | \"undefined\""
      })
  void udfNamingIncludesGetsItAndNoOtherBuiltin(String expression, String expected)
      throws Exception {
    try (JavaScriptUdf udf = udf("builtins_includes.js", "evaluate")) {
      assertEquals(
          JSON.readTree("{\"value\": " + expected + "}"), JSON.readTree(udf.apply(expression)));
    }
  }

  /**
   * A UDF whose text names no supplied built-in gets none, not even one it reaches through a
   * computed name or eval: supplying them slows every record, and the text is all we go by.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "typeof Array.prototype.includes",
        "typeof [1]['incl' + 'udes']",
        "typeof String.prototype.padEnd",
        "typeof Array.of",
        "typeof Math.trunc"
      })
  void udfNamingNoBuiltinFindsThemUndefined(String expression) throws Exception {
    try (JavaScriptUdf udf = udf("builtins_none.js", "evaluate")) {
      assertEquals("{\"value\":\"undefined\"}", udf.apply(expression));
    }
  }

  @Test
  void printAndConsoleAreSilentNoOps() throws Exception {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String record = "{\"n\":1}";
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try (JavaScriptUdf udf = udf("print.js", "logs")) {
        assertEquals(record, udf.apply(record));
      }
    } finally {
      System.setOut(stdout);
    }
    assertFalse(captured.toString(StandardCharsets.UTF_8).contains("processing"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"number", "object", "array", "bool", "javaClass"})
  void resultThatIsNotAStringIsThatRecordsError(String function) throws Exception {
    try (JavaScriptUdf udf = udf("returns.js", function)) {
      RecordException e = udfError(udf, "{\"n\":1}");
      assertTrue(e.getMessage().contains("not a string"), e.getMessage());
    }
  }

  @Test
  void endlessLoopIsStoppedAfterTimeLimitAndNextRecordWorks() throws Exception {
    UdfSpec spec = spec("loop.js", "maybeSpin").withTimeLimit(Duration.ofMillis(200));
    String normal = "{\"spin\":false,\"n\":1}";
    try (JavaScriptUdf udf = new JavaScriptUdf(spec)) {
      for (int attempt = 0; attempt < 2; attempt++) {
        RecordException e = udfError(udf, "{\"spin\":true}");
        assertTrue(e.getMessage().contains("did not return within 200 ms"), e.getMessage());
        assertEquals(normal, udf.apply(normal));
      }
    }
  }

  @Test
  void batchStopsOnlyTheOverrunningRecordAndRunsTheRestInAFreshEngine() throws Exception {
    UdfSpec spec = spec("loop.js", "maybeSpin").withTimeLimit(Duration.ofMillis(300));
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add(i == 17 || i == 31 ? "{\"spin\":true,\"n\":" + i + "}" : "{\"n\":" + i + "}");
    }
    try (JavaScriptUdf udf = new JavaScriptUdf(spec)) {
      List<UdfResult> results = udf.applyAll(records);

      assertEquals(records.size(), results.size());
      for (int i = 0; i < records.size(); i++) {
        UdfResult result = results.get(i);
        if (i == 17 || i == 31) {
          assertTrue(
              result.failure().getMessage().contains("did not return within 300 ms"),
              result.toString());
        } else {
          assertEquals(records.get(i), result.json(), "record " + i);
        }
      }
    }
  }

  @Test
  void batchKeepsEachRecordsOwnOutcomeInOrder() throws Exception {
    try (JavaScriptUdf udf = udf("filter.js", "dropInactive")) {
      List<UdfResult> results =
          udf.applyAll(
              List.of(
                  "{\"status\":\"active\"}",
                  "{\"status\":\"deleted\"}",
                  "not json",
                  "{\"status\":\"inactive\"}",
                  "{\"status\":\"new\"}"));

      assertEquals("{\"status\":\"active\"}", results.get(0).json());
      assertTrue(results.get(1).filtered());
      assertEquals(Stage.UDF, results.get(2).failure().stage());
      assertTrue(results.get(2).failure().getMessage().contains("threw at"), results.toString());
      assertTrue(results.get(3).filtered());
      assertEquals("{\"status\":\"new\"}", results.get(4).json());
    }
  }

  @Test
  void patternOfTwoFilesLoadsBothInNameOrderAndSkipsOtherFiles() throws Exception {
    String pattern = fixture("two-files/b_main.js").getParent().resolve("*").toString();
    UdfSpec spec = UdfSpec.from(pattern, "transform", 0).orElseThrow();
    try (JavaScriptUdf udf = new JavaScriptUdf(spec)) {
      JsonNode out = JSON.readTree(udf.apply("{\"n\":1}"));
      assertEquals("a_helpers.js", out.get("tagged_by").asText());
      assertEquals(1, out.get("n").asInt());
    }
  }

  @Test
  void reloadPicksUpChangedFileOncePerInterval(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("udf.js");
    Files.copy(fixture("reload/v1.js"), file);
    AtomicLong clock = new AtomicLong();
    UdfSpec spec = UdfSpec.from(file.toString(), "transform", 1).orElseThrow();
    try (JavaScriptUdf udf = new JavaScriptUdf(spec, clock::get)) {
      assertEquals(1, version(udf));
      Files.copy(fixture("reload/v2.js"), file, StandardCopyOption.REPLACE_EXISTING);
      clock.addAndGet(Duration.ofSeconds(59).toNanos());
      assertEquals(1, version(udf), "reloaded before the interval passed");
      clock.addAndGet(Duration.ofSeconds(1).toNanos());
      assertEquals(2, version(udf));
    }
  }

  @Test
  void reloadKeepsLoadedVersionWhenChangedFileDoesNotCompile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("udf.js");
    Files.copy(fixture("reload/v1.js"), file);
    AtomicLong clock = new AtomicLong();
    UdfSpec spec = UdfSpec.from(file.toString(), "transform", 1).orElseThrow();
    try (JavaScriptUdf udf = new JavaScriptUdf(spec, clock::get)) {
      Files.copy(fixture("reload/broken.js"), file, StandardCopyOption.REPLACE_EXISTING);
      clock.addAndGet(Duration.ofMinutes(1).toNanos());
      assertEquals(1, version(udf));
      Files.copy(fixture("reload/v2.js"), file, StandardCopyOption.REPLACE_EXISTING);
      clock.addAndGet(Duration.ofMinutes(1).toNanos());
      assertEquals(2, version(udf));
    }
  }

  @Test
  void reloadKeepsLoadedVersionWhenFileIsGone(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("udf.js");
    Files.copy(fixture("reload/v1.js"), file);
    AtomicLong clock = new AtomicLong();
    UdfSpec spec = UdfSpec.from(file.toString(), "transform", 1).orElseThrow();
    try (JavaScriptUdf udf = new JavaScriptUdf(spec, clock::get)) {
      Files.delete(file);
      clock.addAndGet(Duration.ofMinutes(1).toNanos());
      assertEquals(1, version(udf));
    }
  }

  @Test
  void neverReloadsWhenIntervalIsZero(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("udf.js");
    Files.copy(fixture("reload/v1.js"), file);
    AtomicLong clock = new AtomicLong();
    UdfSpec spec = UdfSpec.from(file.toString(), "transform", 0).orElseThrow();
    try (JavaScriptUdf udf = new JavaScriptUdf(spec, clock::get)) {
      Files.copy(fixture("reload/v2.js"), file, StandardCopyOption.REPLACE_EXISTING);
      clock.addAndGet(Duration.ofDays(1).toNanos());
      assertEquals(1, version(udf));
    }
  }

  private static int version(JavaScriptUdf udf) throws Exception {
    return JSON.readTree(udf.apply("{\"n\":1}")).get("version").asInt();
  }

  @Test
  void twoThreadsEachWithTheirOwnUdfProduceCorrectResults() throws Exception {
    int records = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> workers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int worker = w;
        Callable<Integer> job =
            () -> {
              int checked = 0;
              try (JavaScriptUdf udf = udf("enrich.js", "enrich")) {
                for (int i = 0; i < records; i++) {
                  int quantity = worker * records + i;
                  String in =
                      "{\"sku\":\"w"
                          + worker
                          + "-"
                          + i
                          + "\",\"price\":3,\"quantity\":"
                          + quantity
                          + "}";
                  JsonNode out = JSON.readTree(udf.apply(in));
                  assertEquals(3 * quantity, out.get("total").asInt());
                  assertEquals(("w" + worker + "-" + i).toUpperCase(), out.get("sku").asText());
                  checked++;
                }
              }
              return checked;
            };
        workers.add(pool.submit(job));
      }
      for (Future<Integer> worker : workers) {
        assertEquals(records, worker.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeEndsThePrivateThread() throws Exception {
    JavaScriptUdf udf = udf("transform.js", "transform");
    udf.apply("{\"name\":\"Ada\"}");
    udf.close();
    boolean alive =
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().startsWith("bqflex-udf-transform") && t.isAlive());
    assertFalse(alive);
    assertThrows(IllegalStateException.class, () -> udf.apply("{}"));
  }
}
