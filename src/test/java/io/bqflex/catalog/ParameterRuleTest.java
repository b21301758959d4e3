package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParameterRuleTest {
  private final ParameterRule oneInput =
      ParameterRule.exactlyOneOf("inputSubscription", "inputTopic");

  @Test
  void exactlyOneOfAcceptsEitherAlone() {
    assertEquals(Optional.empty(), oneInput.problem(Map.of("inputSubscription", "s")));
    assertEquals(Optional.empty(), oneInput.problem(Map.of("inputTopic", "t", "other", "x")));
  }

  @Test
  void exactlyOneOfRefusesNeitherNamingBoth() {
    String problem = oneInput.problem(Map.of("inputTopic", "")).orElseThrow();
    assertEquals(
        "give exactly one of the parameters 'inputSubscription' or 'inputTopic': none is given",
        problem);
  }

  @Test
  void exactlyOneOfRefusesBothNamingWhatWasGiven() {
    String problem =
        oneInput.problem(Map.of("inputSubscription", "s", "inputTopic", "t")).orElseThrow();
    assertTrue(problem.contains("2 are given ('inputSubscription', 'inputTopic')"), problem);
  }

  @Test
  void atMostOneOfAcceptsNoneOrOneAndRefusesBoth() {
    ParameterRule oneMarker = ParameterRule.atMostOneOf("nullMarker", "nullMarkers");

    assertEquals(Optional.empty(), oneMarker.problem(Map.of()));
    assertEquals(
        Optional.empty(), oneMarker.problem(Map.of("nullMarker", "NA", "nullMarkers", "")));
    assertEquals(
        "give at most one of the parameters 'nullMarker' or 'nullMarkers', but 'nullMarker',"
            + " 'nullMarkers' are given: keep one",
        oneMarker.problem(Map.of("nullMarker", "NA", "nullMarkers", "-")).orElseThrow());
    assertEquals("Give at most one of `nullMarker` or `nullMarkers`.", oneMarker.description());
  }

  @Test
  void describesItselfForDocsAndDescribe() {
    assertEquals(
        "Give exactly one of `inputSubscription` or `inputTopic`.", oneInput.description());
  }

  @Test
  void validatorReportsRuleProblemsWithTheMetadatasOwn() throws Exception {
    TemplateMetadata metadata = MetadataLoader.loadResource("pubsub-to-bigquery");
    var problems =
        ParameterValidator.problems(
            metadata,
            java.util.List.of(oneInput),
            Map.of("outputTableSpec", "not a table"),
            java.util.Set.of());
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("outputTableSpec"), problems.toString());
    assertTrue(problems.get(1).contains("none is given"), problems.toString());
  }
}
