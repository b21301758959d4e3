package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataLoaderTest {
  private static final Path FIXTURES = Path.of("src/test/resources/MetadataLoaderTest");

  private static List<String> problemsOf(String fixture) {
    Path file = FIXTURES.resolve(fixture);
    MetadataException e = assertThrows(MetadataException.class, () -> MetadataLoader.load(file));
    for (String problem : e.problems()) {
      assertTrue(problem.startsWith(file + ": "), "names the file: " + problem);
    }
    assertEquals(String.join("\n", e.problems()), e.getMessage());
    return e.problems();
  }

  private static void assertOneProblem(List<String> problems, String... fragments) {
    long matching =
        problems.stream().filter(p -> List.of(fragments).stream().allMatch(p::contains)).count();
    assertEquals(1, matching, "one problem containing " + List.of(fragments) + " in " + problems);
  }

  @Test
  void loadsEveryDataflowFieldOfAValidFile() throws Exception {
    TemplateMetadata metadata = MetadataLoader.load(FIXTURES.resolve("valid.json"));

    assertEquals("GCS CSV to BigQuery", metadata.name());
    assertEquals(Boolean.TRUE, metadata.streaming());
    assertEquals("EXACTLY_ONCE", metadata.defaultStreamingMode());
    assertEquals(6, metadata.parameters().size());
    ParameterMetadata delimiter = metadata.parameter("delimiter").orElseThrow();
    assertTrue(delimiter.optional());
    assertEquals(ParameterType.ENUM, delimiter.paramType());
    assertEquals("Comma", delimiter.enumOptions().get(0).label());
    assertEquals("TAB", delimiter.enumOptions().get(1).value());
    ParameterMetadata table = metadata.parameter("outputTable").orElseThrow();
    assertFalse(table.optional());
    assertEquals(List.of("docs", "order"), List.copyOf(table.customMetadata().keySet()));
    assertTrue(metadata.parameter("maxErrors").orElseThrow().hidden());
    assertEquals(
        List.of("TAB"), metadata.parameter("tabQuote").orElseThrow().parentTriggerValues());
  }

  @Test
  void writesBackTheJsonItRead() throws Exception {
    Path file = FIXTURES.resolve("valid.json");
    ObjectMapper json = new ObjectMapper();
    JsonNode original = json.readTree(file.toFile());

    TemplateMetadata metadata = MetadataLoader.load(file);

    assertEquals(original, json.readTree(metadata.toJson()));
    assertEquals(original, metadata.toJsonTree());
  }

  @Test
  void writingLeavesAbsentFieldsOut() throws Exception {
    TemplateMetadata metadata =
        MetadataLoader.loadResource("fixture-template", fixtureClassLoader());

    JsonNode written = metadata.toJsonTree();

    assertFalse(written.has("description"));
    assertFalse(written.has("streaming"));
    JsonNode parameter = written.get("parameters").get(0);
    assertFalse(parameter.has("regexes"));
    assertFalse(parameter.has("paramType"));
    assertFalse(parameter.has("hiddenUi"));
    assertTrue(parameter.get("isOptional").booleanValue());
  }

  @Test
  void loadsTemplateFromClasspathById() throws Exception {
    TemplateMetadata metadata =
        MetadataLoader.loadResource("fixture-template", fixtureClassLoader());

    assertEquals("Fixture template", metadata.name());
  }

  @Test
  void refusesTemplateIdMissingFromClasspath() {
    MetadataException e =
        assertThrows(
            MetadataException.class,
            () -> MetadataLoader.loadResource("no-such-template", fixtureClassLoader()));

    assertTrue(e.getMessage().startsWith("metadata/no-such-template.json: not on the classpath"));
  }

  @Test
  void refusesTemplateIdThatIsAPath() {
    MetadataException e =
        assertThrows(MetadataException.class, () -> MetadataLoader.loadResource("../secret"));

    assertTrue(e.getMessage().contains("is not a template id"), e.getMessage());
  }

  @Test
  void refusesMissingFile() {
    assertOneProblem(problemsOf("no-such-file.json"), "no such file");
  }

  @Test
  void refusesInvalidJsonWithItsPosition() {
    assertOneProblem(problemsOf("not-json.json"), "not valid JSON at line 4");
  }

  @Test
  void refusesDuplicateJsonKey() {
    assertOneProblem(problemsOf("duplicate-key.json"), "not valid JSON", "name");
  }

  @Test
  void refusesUnknownFieldsAtEveryLevel() {
    List<String> problems = problemsOf("unknown-fields.json");

    assertEquals(3, problems.size(), problems.toString());
    assertOneProblem(problems, ": unknown field 'title'", "TemplateMetadata fields are: name,");
    assertOneProblem(
        problems, "parameters[0] (a): unknown field 'isHiddenUi'; did you mean 'hiddenUi'?");
    assertOneProblem(
        problems, "parameters[1] (b): enumOptions[0]: unknown field 'desc'; did you mean");
  }

  @Test
  void refusesParamTypeOutsideDataflowsEnum() {
    List<String> problems = problemsOf("bad-param-type.json");

    assertEquals(1, problems.size(), problems.toString());
    assertOneProblem(
        problems,
        "parameters[3] (delimiter): paramType 'FOO' is not one of Dataflow's parameter types:"
            + " DEFAULT, TEXT,",
        "KAFKA_WRITE_TOPIC");
  }

  @Test
  void refusesRegexThatDoesNotCompileInJava() {
    assertOneProblem(
        problemsOf("regex-not-java.json"),
        "parameters[0] (a): regexes[0] '^[a-$' does not compile as a Java regex");
  }

  @Test
  void refusesRegexThatMeansSomethingElseInEgrep() {
    assertOneProblem(
        problemsOf("regex-not-egrep.json"),
        "parameters[0] (a): regexes[0] '^\\d+$' '\\d' (digit) is not egrep: write [0-9]");
  }

  @Test
  void refusesEnumWithoutOptions() {
    assertOneProblem(
        problemsOf("enum-without-options.json"),
        "parameters[0] (mode): paramType ENUM needs enumOptions");
  }

  @Test
  void refusesParentNameOfNoParameter() {
    assertOneProblem(
        problemsOf("parent-unknown.json"),
        "parameters[1] (child): parentName 'mdoe' names no parameter",
        "did you mean 'mode'?");
  }

  @Test
  void refusesDefaultValueFailingItsRegex() {
    assertOneProblem(
        problemsOf("default-fails-regex.json"),
        "parameters[0] (bucket): defaultValue 's3://x' does not match regex '^gs://.+$'");
  }

  @Test
  void refusesDefaultValueOutsideItsEnumOptions() {
    assertOneProblem(
        problemsOf("default-not-option.json"),
        "parameters[0] (mode): defaultValue 'C' is not one of the options [A, B]");
  }

  @Test
  void refusesDuplicateParameterNames() {
    assertOneProblem(
        problemsOf("duplicate-names.json"),
        "parameters[2] (a): duplicate parameter name 'a', first at parameters[0] (a)");
  }

  @Test
  void refusesMissingNameLabelAndHelpText() {
    List<String> problems = problemsOf("missing-name-label-help.json");

    assertEquals(4, problems.size(), problems.toString());
    assertOneProblem(problems, ".json: name is missing");
    assertOneProblem(problems, "parameters[0] (a): label is missing");
    assertOneProblem(problems, "parameters[0] (a): helpText is missing");
    assertOneProblem(problems, "parameters[1]: name is missing");
  }

  @Test
  void refusesFieldsOfTheWrongJsonType() {
    List<String> problems = problemsOf("wrong-types.json");

    assertOneProblem(problems, ": streaming must be true or false (a JSON boolean), not string");
    assertOneProblem(problems, "parameters[0] (a): isOptional must be true or false");
    assertOneProblem(problems, "parameters[0] (a): regexes must be an array, not string");
    assertOneProblem(problems, "parameters[0] (a): customMetadata.k must be a string, not number");
  }

  @Test
  void refusesFieldsThatContradictEachOther() {
    List<String> problems = problemsOf("inconsistent.json");

    assertEquals(8, problems.size(), String.join("\n", problems));
    assertOneProblem(
        problems, ": supportsAtLeastOnce, supportsExactlyOnce and defaultStreamingMode");
    assertOneProblem(problems, ": defaultStreamingMode 'SOMETIMES' is not one of Dataflow's modes");
    assertOneProblem(
        problems, "parameters[0] (input-file): name 'input-file' is not a Java identifier");
    assertOneProblem(
        problems, "parameters[1] (colour): enumOptions are only used with paramType ENUM");
    assertOneProblem(problems, "parameters[2] (mode): enumOptions[1]: value 'A' is listed twice");
    assertOneProblem(
        problems,
        "parameters[3] (child): parentTriggerValues[0] 'B' can never be a value of 'mode'");
    assertOneProblem(problems, "parameters[4] (orphan): parentTriggerValues has no effect");
    assertOneProblem(
        problems, "parameters[5] (secret): hiddenUi is true but the parameter is required");
  }

  @Test
  void reportsAllProblemsOfAFileTogether() {
    List<String> problems = problemsOf("many-problems.json");

    assertOneProblem(problems, "parameters[0] (a): paramType 'FOO'");
    assertOneProblem(problems, "parameters[0] (a): regexes[0] '\\w+'");
    assertOneProblem(problems, "parameters[1] (a): unknown field 'unknown'");
    assertOneProblem(problems, "parameters[1] (a): duplicate parameter name 'a'");
    assertOneProblem(problems, "parameters[2] (c): parentName 'zzz' names no parameter");
    assertOneProblem(problems, "parameters[3] (d): paramType ENUM needs enumOptions");
  }

  private static ClassLoader fixtureClassLoader() throws Exception {
    URL root = FIXTURES.resolve("classpath").toUri().toURL();
    return new URLClassLoader(new URL[] {root}, null);
  }
}
