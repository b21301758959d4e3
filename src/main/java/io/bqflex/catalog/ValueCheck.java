package io.bqflex.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * What a parameter's metadata says about one value: its regexes, and the shape its paramType
 * implies. Shared by the launch validation and by the loader's check of {@code defaultValue}, so a
 * default can never be a value the launch would refuse.
 */
final class ValueCheck {
  /** How a regex mismatch is reported. */
  enum Regexes {
    QUOTED,
    IN_WORDS
  }

  private ValueCheck() {}

  /**
   * Why {@code value} does not fit {@code parameter}, each reason a sentence fragment that follows
   * the quoted value ("does not match regex '^gs://'"); empty when it fits.
   *
   * <p>Regexes match anywhere in the value, as egrep and the Console do; metadata anchors them with
   * {@code ^...$} to match the whole value. A regex that does not compile is skipped here: the
   * loader reports it.
   *
   * @param regexes whether a regex mismatch quotes the regex (for the metadata's author) or says it
   *     in words (for a user, whose message goes on with the parameter's help text)
   */
  static List<String> problems(ParameterMetadata parameter, String value, Regexes regexes) {
    List<String> problems = new ArrayList<>();
    switch (parameter.type()) {
      case ENUM -> {
        boolean known = parameter.enumOptions().stream().anyMatch(o -> o.value().equals(value));
        if (!known) {
          problems.add("is not one of the options " + optionValues(parameter));
        }
      }
      case BOOLEAN -> {
        if (!value.equals("true") && !value.equals("false")) {
          problems.add("is not a boolean: use true or false");
        }
      }
      case NUMBER -> {
        if (!isNumber(value)) {
          problems.add("is not a number");
        }
      }
      case PUBSUB_TOPIC -> addIfPresent(problems, PubsubNames.problem(value, "topics"));
      case PUBSUB_SUBSCRIPTION ->
          addIfPresent(problems, PubsubNames.problem(value, "subscriptions"));
      case BIGQUERY_TABLE -> addIfPresent(problems, TableSpecs.problem(value));
      default -> {}
    }
    if (!problems.isEmpty()) {
      // The type's own check says what is wrong in words; the regex would only repeat it.
      return problems;
    }
    for (String regex : parameter.regexes()) {
      if (!matches(regex, value)) {
        problems.add(
            regexes == Regexes.QUOTED
                ? "does not match regex '" + regex + "'"
                : "is not in the form this parameter takes");
      }
    }
    return problems;
  }

  private static void addIfPresent(List<String> problems, String problem) {
    if (problem != null) {
      problems.add(problem);
    }
  }

  static String optionValues(ParameterMetadata parameter) {
    return parameter.enumOptions().stream()
        .map(EnumOption::value)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static boolean isNumber(String value) {
    try {
      new BigDecimal(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean matches(String regex, String value) {
    try {
      return Pattern.compile(regex).matcher(value).find();
    } catch (PatternSyntaxException e) {
      return true;
    }
  }
}
