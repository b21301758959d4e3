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
      List<String> given =
          choices.stream()
              .filter(name -> params.get(name) != null && !params.get(name).isEmpty())
              .toList();
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
}
