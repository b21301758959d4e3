package io.bqflex.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that a metadata regex means the same in Java (our launch validation) and in POSIX egrep
 * (how the Console reads {@code regexes}). Both dialects share literals, {@code . [] [^] ^ $ | ()}
 * and the quantifiers {@code * + ? {m,n}}; the problems are the Java-only constructs, which egrep
 * reads as something else or refuses.
 */
final class PortableRegex {
  private PortableRegex() {}

  /** Why {@code regex} is not usable in metadata; empty when it is fine in both dialects. */
  static List<String> problems(String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return List.of(
          "does not compile as a Java regex: "
              + e.getDescription()
              + " near index "
              + e.getIndex());
    }
    List<String> problems = new ArrayList<>();
    scan(regex, problems);
    return problems;
  }

  private static void scan(String regex, List<String> problems) {
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char escaped = regex.charAt(i + 1);
        if (Character.isLetterOrDigit(escaped)) {
          problems.add(javaOnlyEscape(escaped));
        }
        i += 2;
      } else if (c == '[') {
        i = scanBracket(regex, i, problems);
      } else if (c == '(' && i + 1 < regex.length() && regex.charAt(i + 1) == '?') {
        problems.add(
            "'(?' starts a Java-only group (non-capturing, look-around, flags or named);"
                + " egrep reads '(?' as an error or as an optional empty group: use a plain"
                + " '(...)' group");
        i += 2;
      } else if (c == '*' || c == '+' || c == '?') {
        i = afterQuantifier(regex, i, String.valueOf(c), problems);
      } else if (c == '{') {
        // Java compiled the regex, so an unescaped '{' opens an interval that a '}' closes.
        int close = regex.indexOf('}', i);
        i =
            close < 0
                ? i + 1
                : afterQuantifier(regex, close, regex.substring(i, close + 1), problems);
      } else {
        i++;
      }
    }
  }

  /** Checks what follows the quantifier ending at {@code end}; returns the index to go on at. */
  private static int afterQuantifier(
      String regex, int end, String quantifier, List<String> problems) {
    char next = end + 1 < regex.length() ? regex.charAt(end + 1) : 0;
    if (next == '?') {
      problems.add(
          "lazy quantifier '"
              + quantifier
              + "?' is Java-only; egrep reads the '?' as another quantifier:"
              + " drop the '?' (whether a value matches does not depend on laziness)");
      return end + 2;
    }
    if (next == '+') {
      problems.add(
          "possessive quantifier '"
              + quantifier
              + "+' is Java-only and can refuse values egrep accepts: drop the '+'");
      return end + 2;
    }
    return end + 1;
  }

  /** Scans the bracket expression opening at {@code open}; returns the index after it. */
  private static int scanBracket(String regex, int open, List<String> problems) {
    int i = open + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++; // a leading ']' is a literal in both dialects
    }
    while (i < regex.length() && regex.charAt(i) != ']') {
      char c = regex.charAt(i);
      if (c == '\\') {
        problems.add(
            "backslash inside the bracket expression '"
                + regex.substring(open, closingIndex(regex, open))
                + "': egrep takes it as a literal backslash, Java as an escape; write the"
                + " character itself (put ']' first, '-' last, '^' not first)");
        i += 2;
      } else if (c == '[' && i + 1 < regex.length() && ":.=".indexOf(regex.charAt(i + 1)) >= 0) {
        problems.add(
            "POSIX class '"
                + regex.substring(i, Math.min(regex.length(), regex.indexOf(']', i) + 1))
                + "' means a set of single characters in Java: spell the range out,"
                + " e.g. [A-Za-z0-9] for [[:alnum:]]");
        i = Math.max(i + 2, regex.indexOf(']', i) + 1);
      } else if (c == '[') {
        problems.add(
            "'[' inside a bracket expression starts a nested class (a union) in Java but is a"
                + " literal '[' in egrep: put '[' directly in the outer brackets, without"
                + " nesting");
        i++;
      } else if (c == '&' && i + 1 < regex.length() && regex.charAt(i + 1) == '&') {
        problems.add(
            "'&&' inside a bracket expression is a Java class intersection but two literal"
                + " '&' in egrep: list the characters you mean");
        i += 2;
      } else {
        i++;
      }
    }
    return i + 1;
  }

  private static int closingIndex(String regex, int open) {
    int close = regex.indexOf(']', open + 2);
    return close < 0 ? regex.length() : close + 1;
  }

  private static String javaOnlyEscape(char escaped) {
    String what =
        switch (escaped) {
          case 'd' -> "'\\d' (digit) is not egrep: write [0-9]";
          case 'D' -> "'\\D' (non-digit) is not egrep: write [^0-9]";
          case 'w' -> "'\\w' (word character) is not egrep: write [A-Za-z0-9_]";
          case 'W' -> "'\\W' (non-word character) is not egrep: write [^A-Za-z0-9_]";
          case 's' -> "'\\s' (whitespace) is not egrep: write the characters, e.g. [ \t]";
          case 'S' -> "'\\S' (non-whitespace) is not egrep: write the characters, e.g. [^ \t]";
          case 'b', 'B' -> "'\\" + escaped + "' (word boundary) has no egrep equivalent";
          default ->
              "'\\"
                  + escaped
                  + "' is a Java escape; in POSIX egrep a backslash before a letter or digit is"
                  + " undefined (GNU grep gives some of them other meanings)";
        };
    return what + "; the Console reads regexes as POSIX egrep";
  }
}
