package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortableRegexTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "^gs://[^/]+/.+$",
        "^[A-Za-z0-9_-]+$",
        "^(true|false)$",
        "^[0-9]{1,3}([.][0-9]+)?$",
        "^projects/[^/]+/topics/[^/]+$",
        "^a\\.b\\\\c\\/d$",
        "^[]a]+$",
        "^[^]a-]*$",
        "x{2}y*z+w?"
      })
  void acceptsRegexMeaningTheSameInJavaAndEgrep(String regex) {
    assertEquals(List.of(), PortableRegex.problems(regex));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          ^\\d+$          | '\\d' (digit) is not egrep: write [0-9]
          ^\\w+$          | '\\w' (word character) is not egrep
          a\\sb           | '\\s' (whitespace) is not egrep
          \\bword\\b      | '\\b' (word boundary) has no egrep equivalent
          ^\\Qa.b\\E$     | '\\Q' is a Java escape
          (a)\\1          | '\\1' is a Java escape
          ^(?:ab)+$       | '(?' starts a Java-only group
          ^(?i)abc$       | '(?' starts a Java-only group
          ^[[:alnum:]]+$  | POSIX class '[:alnum:]' means a set of single characters in Java
          ^a+?$           | lazy quantifier '+?' is Java-only
          ^a{2,3}?$       | lazy quantifier '{2,3}?' is Java-only
          ^a*+b$          | possessive quantifier '*+' is Java-only
          ^[\\n\\r]$      | backslash inside the bracket expression '[\\n\\r]'
          ^[a-z&&[^x]]$   | '&&' inside a bracket expression is a Java class intersection
          ^[a[b]]$        | '[' inside a bracket expression starts a nested class
          """)
  void refusesJavaOnlyConstructsSayingWhy(String regex, String reason) {
    List<String> problems = PortableRegex.problems(regex.strip());

    assertTrue(
        problems.stream().anyMatch(p -> p.contains(reason.strip())), regex + " gives " + problems);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[a-", "*a", "a{2", "(ab"})
  void refusesRegexThatDoesNotCompileInJava(String regex) {
    List<String> problems = PortableRegex.problems(regex);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("does not compile as a Java regex"), problems.get(0));
  }
}
