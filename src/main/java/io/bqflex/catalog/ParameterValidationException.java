package io.bqflex.catalog;

import java.util.List;

/** Launch parameters a template refuses; the message has one line per problem. */
public class ParameterValidationException extends IllegalArgumentException {
  private final List<String> problems;

  public ParameterValidationException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
