package io.bqflex.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdfSpecTest {

  private static String fixture(String name) {
    return UdfFixtures.path(UdfSpecTest.class, name).toString();
  }

  private static UdfSpec spec(String file, String function) {
    return UdfSpec.from(fixture(file), function, 0).orElseThrow();
  }

  @Test
  void noPathAndNoFunctionMeansNoUdf() {
    assertEquals(Optional.empty(), UdfSpec.from(null, null, null));
    assertEquals(Optional.empty(), UdfSpec.from("  ", "", 5));
  }

  @Test
  void pathWithoutFunctionNameNamesTheMissingParameter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UdfSpec.from("gs://b/udf.js", null, 0));
    assertTrue(e.getMessage().contains("javascriptTextTransformFunctionName"), e.getMessage());
  }

  @Test
  void functionNameWithoutPathNamesTheMissingParameter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UdfSpec.from(null, "transform", 0));
    assertTrue(e.getMessage().contains("javascriptTextTransformGcsPath"), e.getMessage());
  }

  @Test
  void rejectsNegativeReloadInterval() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> UdfSpec.from("gs://b/udf.js", "transform", -1));
    assertTrue(
        e.getMessage().contains("javascriptTextTransformReloadIntervalMinutes"), e.getMessage());
  }

  @Test
  void rejectsFunctionNameThatIsNotAnIdentifier() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> UdfSpec.from("gs://b/udf.js", "transform(x)", 0));
    assertTrue(e.getMessage().contains("javascriptTextTransformFunctionName"), e.getMessage());
  }

  @Test
  void missingReloadIntervalMeansNeverAndTimeLimitHasDefault() {
    UdfSpec spec = UdfSpec.from(" gs://b/udf.js ", " transform ", null).orElseThrow();
    assertEquals("gs://b/udf.js", spec.path());
    assertEquals("transform", spec.functionName());
    assertEquals(0, spec.reloadIntervalMinutes());
    assertEquals(UdfSpec.DEFAULT_TIME_LIMIT, spec.timeLimit());
  }

  @Test
  void rejectsTimeLimitThatIsNotPositive() {
    UdfSpec spec = UdfSpec.from("gs://b/udf.js", "transform", 0).orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> spec.withTimeLimit(Duration.ZERO));
  }

  @Test
  void survivesJavaSerialization() {
    UdfSpec spec =
        UdfSpec.from("gs://b/udf.js", "transform", 10)
            .orElseThrow()
            .withTimeLimit(Duration.ofMillis(750));
    assertEquals(spec, SerializableUtils.clone(spec));
  }

  @Test
  void validateAcceptsFileDefiningTheFunction() throws Exception {
    spec("good.js", "transform").validate();
  }

  @Test
  void validateRejectsPatternMatchingNoJavaScriptFile(@TempDir Path dir) {
    String pattern = dir.resolve("*.js").toString();
    UdfSpec spec = UdfSpec.from(pattern, "transform", 0).orElseThrow();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, spec::validate);
    assertTrue(e.getMessage().contains(pattern), e.getMessage());
  }

  @Test
  void validateNamesFileAndLineOfSyntaxError() throws Exception {
    int line = UdfFixtures.lineOf(UdfFixtures.path(UdfSpecTest.class, "syntax_error.js"), "{;");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> spec("syntax_error.js", "transform").validate());
    assertTrue(e.getMessage().contains("syntax_error.js"), e.getMessage());
    assertTrue(e.getMessage().contains("line " + line), e.getMessage());
  }

  @Test
  void validateNamesFileAndLineOfErrorInTopLevelCode() throws Exception {
    int line =
        UdfFixtures.lineOf(UdfFixtures.path(UdfSpecTest.class, "top_level_throw.js"), "JSON.parse");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> spec("top_level_throw.js", "transform").validate());
    assertTrue(e.getMessage().contains("top_level_throw.js"), e.getMessage());
    assertTrue(e.getMessage().contains("line " + line), e.getMessage());
  }

  @Test
  void validateRejectsFunctionTheFilesDoNotDefine() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> spec("good.js", "transfrom").validate());
    assertTrue(e.getMessage().contains("'transfrom'"), e.getMessage());
    assertTrue(e.getMessage().contains("javascriptTextTransformFunctionName"), e.getMessage());
  }
}
