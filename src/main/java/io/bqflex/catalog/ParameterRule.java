package io.bqflex.catalog;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule over several launch parameters that Dataflow's metadata cannot state (it knows only one
 * parameter at a time), checked with the metadata's own rules before anything runs.
 */
public interface ParameterRule extends Serializable {

  /** What is wrong with {@code params}, one line naming the parameters; empty when nothing is. */
  Optional<String> problem(Map<String, String> params);

  /** The rule as a sentence for the docs and {@code describe}. */
  String description();

  /**
   * Exactly one of {@code names} must be given (a non-empty value), e.g. a subscription or a topic
   * to read, not both and not neither.
   */
  static ParameterRule exactlyOneOf(String... names) {
    return new ExactlyOneOf(List.of(names));
  }

  /** See {@link #exactlyOneOf}. */
  record ExactlyOneOf(List<String> choices) implements ParameterRule {
    @Override
    public Optional<String> problem(Map<String, String> params) {
      List<String> given = given(choices, params);
      if (given.size() == 1) {
        return Optional.empty();
      }
      String quoted = "'" + String.join("' or '", choices) + "'";
      return Optional.of(
          given.isEmpty()
              ? "give exactly one of the parameters " + quoted + ": none is given"
              : "give exactly one of the parameters "
                  + quoted
                  + ", but "
                  + given.size()
                  + " are given ('"
                  + String.join("', '", given)
                  + "'): keep one");
    }

    @Override
    public String description() {
      return "Give exactly one of `" + String.join("` or `", choices) + "`.";
    }
  }

  /**
   * At most one of {@code names} may be given (a non-empty value), e.g. two spellings of one
   * option.
   */
  static ParameterRule atMostOneOf(String... names) {
    return new AtMostOneOf(List.of(names));
  }

  /** See {@link #atMostOneOf}. */
  record AtMostOneOf(List<String> choices) implements ParameterRule {
    @Override
    public Optional<String> problem(Map<String, String> params) {
      List<String> given = given(choices, params);
      return given.size() <= 1
          ? Optional.empty()
          : Optional.of(
              "give at most one of the parameters '"
                  + String.join("' or '", choices)
                  + "', but '"
                  + String.join("', '", given)
                  + "' are given: keep one");
    }

    @Override
    public String description() {
      return "Give at most one of `" + String.join("` or `", choices) + "`.";
    }
  }

  /** Those of {@code names} given a non-empty value in {@code params}, in their order. */
  private static List<String> given(List<String> names, Map<String, String> params) {
    return names.stream()
        .filter(name -> params.get(name) != null && !params.get(name).isEmpty())
        .toList();
  }
}
