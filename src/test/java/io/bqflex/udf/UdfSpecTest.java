package io.bqflex.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void syntaxErrorIsRefusedOnOneLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> spec("syntax_error.js", "transform").validate());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(": Expected ident but found ;. Fix the JavaScript and launch again."),
        e.getMessage());
  }

  /**
   * Nashorn's ES6 mode, which Google's templates run, parses these but does not implement them: the
   * launch is refused with one line that names the construct, the file and the line.
   */
  @ParameterizedTest
  @CsvSource({
    "unsupported_destructuring.js, destructuring, 'const { id, name }'",
    "unsupported_class.js, class declarations and expressions, class Row",
    "unsupported_spread.js, spread operator, ...record.tags",
    "unsupported_rest.js, function rest parameter declaration, ...rest",
    "unsupported_generator.js, generator, function*"
  })
  void es6ConstructNashornLacksIsRefusedAtLaunchNamingItAndItsLine(
      String file, String construct, String usedOn) throws Exception {
    int line = UdfFixtures.lineOf(UdfFixtures.path(UdfSpecTest.class, file), usedOn);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> spec(file, "transform").validate());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(
        e.getMessage()
            .startsWith("UDF file " + file + " (javascriptTextTransformGcsPath " + fixture(file)),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("uses ES6 " + construct + " at line " + line + ","),
        e.getMessage());
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
