package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParameterValidatorTest {
  private static TemplateMetadata metadata;

  @BeforeAll
  static void loadFixture() throws MetadataException {
    metadata =
        MetadataLoader.load(Path.of("src/test/resources/ParameterValidatorTest/template.json"));
  }

  /** The smallest launch the fixture accepts, plus {@code extra} name/value pairs. */
  private static Map<String, String> launch(String... extra) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("inputFilePattern", "gs://bucket/in/*.csv");
    params.put("outputTable", "my-project:shop.orders");
    for (int i = 0; i < extra.length; i += 2) {
      params.put(extra[i], extra[i + 1]);
    }
    return params;
  }

  private static List<String> problems(Map<String, String> params) {
    return ParameterValidator.problems(metadata, params, Set.of());
  }

  private static void assertOnlyProblem(Map<String, String> params, String... fragments) {
    List<String> problems = problems(params);
    assertEquals(1, problems.size(), problems.toString());
    for (String fragment : fragments) {
      assertTrue(problems.get(0).contains(fragment), problems.get(0) + " lacks " + fragment);
    }
  }

  @Test
  void acceptsLaunchWithEveryParameterRight() {
    Map<String, String> params =
        launch(
            "format", "JSON",
            "jsonPath", "$.record",
            "hasHeader", "false",
            "maxErrors", "1e3",
            "javascriptTextTransformGcsPath", "gs://b/udf.js",
            "javascriptTextTransformFunctionName", "transform");

    assertEquals(List.of(), problems(params));
  }

  @Test
  void reportsMissingRequiredParameterWithItsHelp() {
    Map<String, String> params = launch();
    params.remove("outputTable");

    assertOnlyProblem(
        params,
        "parameter 'outputTable' (Output table) is required: BigQuery table as project:dataset.table");
  }

  @Test
  void treatsEmptyRequiredValueAsMissing() {
    assertOnlyProblem(
        launch("outputTable", ""), "parameter 'outputTable' (Output table) is required");
  }

  @Test
  void reportsRegexMismatchInWordsQuotingValueAndHelpNotTheRegex() {
    assertOnlyProblem(
        launch("inputFilePattern", "/tmp/in.csv"),
        "parameter 'inputFilePattern': value '/tmp/in.csv' is not in the form this parameter"
            + " takes",
        "expected: Cloud Storage files to read, e.g. gs://bucket/in/*.csv");
  }

  @Test
  void reportsTableSpecProblemInWordsWithoutAlsoReportingTheRegex() {
    // The fixture's regex refuses 'shop.orders' too; the type check's line says why, alone.
    assertEquals(
        List.of(
            "parameter 'outputTable': value 'shop.orders' is not a BigQuery table; expected"
                + " project:dataset.table or project.dataset.table, e.g. my-project:shop.orders;"
                + " expected: BigQuery table as project:dataset.table"),
        problems(launch("outputTable", "shop.orders")));
  }

  @Test
  void reportsEnumValueListingTheOptions() {
    assertOnlyProblem(
        launch("format", "AVRO"),
        "parameter 'format': value 'AVRO' is not one of the options [CSV, JSON]");
  }

  @Test
  void reportsBooleanThatIsNotTrueOrFalse() {
    assertOnlyProblem(
        launch("hasHeader", "yes"),
        "parameter 'hasHeader': value 'yes' is not a boolean: use true or false");
  }

  @Test
  void reportsNumberThatIsNotANumber() {
    assertOnlyProblem(
        launch("maxErrors", "ten"), "parameter 'maxErrors': value 'ten' is not a number");
  }

  @Test
  void suggestsClosestParameterForUnknownName() {
    Map<String, String> params = launch();
    params.put("inputFilePatern", params.remove("inputFilePattern"));

    List<String> problems = problems(params);

    assertTrue(
        problems.contains("unknown parameter 'inputFilePatern'; did you mean 'inputFilePattern'?"),
        problems.toString());
  }

  @Test
  void listsTheParametersWhenNoNameIsClose() {
    assertOnlyProblem(
        launch("colour", "blue"),
        "unknown parameter 'colour'; the template's parameters are: inputFilePattern, outputTable,");
  }

  @Test
  void acceptsBeamAndDataflowPipelineOptions() {
    Map<String, String> params =
        launch(
            "project", "my-project",
            "region", "europe-west1",
            "tempLocation", "gs://b/tmp",
            "stagingLocation", "gs://b/staging",
            "jobName", "load-1",
            "serviceAccount", "sa@p.iam.gserviceaccount.com",
            "labels", "{\"team\":\"data\"}");

    assertEquals(
        List.of(),
        ParameterValidator.problems(metadata, params, ParameterValidator.beamOptionNames()));
  }

  @Test
  void beamOptionNamesAreDecapitalizedPropertiesOfRegisteredOptions() {
    Set<String> names = ParameterValidator.beamOptionNames();

    assertTrue(names.containsAll(Set.of("runner", "project", "region", "tempLocation", "labels")));
    assertTrue(names.contains("gcpTempLocation"), "GcpOptions are registered");
    assertTrue(names.contains("streaming"), "StreamingOptions.isStreaming() gives 'streaming'");
  }

  @Test
  void suggestsBeamOptionForMisspeltBeamOption() {
    List<String> problems =
        ParameterValidator.problems(
            metadata, launch("tempLocaton", "gs://b/tmp"), ParameterValidator.beamOptionNames());

    assertEquals(
        List.of("unknown parameter 'tempLocaton'; did you mean 'tempLocation'?"), problems);
  }

  @Test
  void requiresConditionalParameterOnlyWhenItsParentTriggersIt() {
    assertEquals(List.of(), problems(launch("format", "CSV")));
    assertOnlyProblem(launch("format", "JSON"), "parameter 'jsonPath' (JSON path) is required");
  }

  @Test
  void requiresConditionalParameterWithoutTriggerValuesWhenParentHasAnyValue() {
    assertEquals(List.of(), problems(launch()));
    assertOnlyProblem(
        launch("javascriptTextTransformGcsPath", "gs://b/udf.js"),
        "parameter 'javascriptTextTransformFunctionName' (UDF function) is required");
  }

  @Test
  void validateOrThrowJoinsAllProblemsOneLineEach() {
    Map<String, String> params = launch("format", "AVRO", "colour", "blue");
    params.remove("outputTable");

    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () -> ParameterValidator.validateOrThrow(metadata, List.of(), params, Set.of()));

    assertEquals(3, e.problems().size(), e.problems().toString());
    assertEquals(String.join("\n", e.problems()), e.getMessage());
  }

  @Test
  void validateOrThrowAcceptsValidLaunch() {
    assertDoesNotThrow(
        () -> ParameterValidator.validateOrThrow(metadata, List.of(), launch(), Set.of()));
  }
}
