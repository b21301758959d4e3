package io.bqflex.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MissingBuiltinsTest {
  private static Optional<String> namedIn(String... texts) {
    return MissingBuiltins.namedIn(
        Arrays.stream(texts).map(text -> new UdfSource.Script("udf.js", text)).toList());
  }

  @Test
  void everyBuiltinTheClassCommentListsHasItsBlock() {
    assertEquals(
        List.of(
            "includes",
            "findIndex",
            "find",
            "from",
            "of",
            "assign",
            "values",
            "entries",
            "isInteger",
            "isNaN",
            "isFinite",
            "padStart",
            "padEnd",
            "trunc",
            "sign"),
        List.copyOf(MissingBuiltins.names()));
  }

  @Test
  void udfNamingNoBuiltinGetsNoScriptAtAll() {
    assertEquals(
        Optional.empty(),
        namedIn(
            "function transform(inJson) {\n"
                + "  var row = JSON.parse(inJson);\n"
                + "  row.country = row.country.toLowerCase();\n"
                + "  return JSON.stringify(row);\n"
                + "}"));
  }

  /** Whole words only: a longer identifier that contains a built-in's name does not name it. */
  @ParameterizedTest
  @ValueSource(strings = {"row.isIncluded", "var findings = 1;", "row.offset", "row.$values"})
  void wordContainingABuiltinsNameDoesNotNameIt(String text) {
    assertEquals(Optional.empty(), namedIn(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "row.tags.includes('vip')",
        "row.tags['includes']('vip')",
        "// uses includes",
        "row.tags.\nincludes('vip')"
      })
  void nameInCodeStringOrCommentSuppliesIt(String text) {
    String script = namedIn(text).orElseThrow();
    assertTrue(script.contains("'Array.prototype.includes'"), script);
    assertTrue(script.contains("'String.prototype.includes'"), script);
    assertFalse(script.contains("'Array.prototype.find'"), script);
  }

  @Test
  void nameInAnyFileOfTheUdfSuppliesIt() {
    String script =
        namedIn("function f(s) { return g(s); }", "function g(s) { return s.padEnd(3); }")
            .orElseThrow();
    assertTrue(script.contains("'String.prototype.padEnd'"), script);
    assertFalse(script.contains("'String.prototype.padStart'"), script);
  }

  /** Blocks left out become blank lines, so an error's line number is that of the file. */
  @Test
  void suppliedBlocksKeepTheirLineNumbers() {
    List<String> all =
        namedIn(String.join(" ", MissingBuiltins.names())).orElseThrow().lines().toList();
    List<String> findOnly = namedIn("find").orElseThrow().lines().toList();
    assertEquals(all.size(), findOnly.size());
    int findLine = indexOf(all, "'Array.prototype.find'");
    assertTrue(findLine > indexOf(all, "'Array.prototype.includes'"));
    assertEquals(all.get(findLine), findOnly.get(findLine));
    assertEquals(-1, indexOf(findOnly, "'Array.prototype.includes'"));
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  /** A mistake in missing-builtins.js fails the first UDF any test loads, saying what it is. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(function () {\\n  // @builtin of\\n  x();\\n})(); | lacks its // @end line",
        "// @builtin of\\n// @builtin of\\n// @end       | has two blocks named of"
      })
  void malformedFileIsRefused(String text, String problem) {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> MissingBuiltins.parse(text.replace("\\n", "\n")));
    assertEquals("missing-builtins.js " + problem, e.getMessage());
  }

  @Test
  void blockNotWantedIsBlankedAndSharedLinesStay() {
    MissingBuiltins file =
        MissingBuiltins.parse(
            "shared();\n// @builtin of\nof();\n// @builtin sign\nsign();\n// @end\nend();");
    assertEquals(
        Optional.of("shared();\n\n\n// @builtin sign\nsign();\n// @end\nend();\n"),
        file.supplying(Set.of("sign")));
    assertEquals(Optional.empty(), file.supplying(Set.of("trunc")));
  }
}
