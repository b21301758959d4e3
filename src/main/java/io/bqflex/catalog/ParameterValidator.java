package io.bqflex.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Checks launch parameters against a template's metadata before anything runs, so a typo or a bad
 * value fails at once with a message that says what to change, not minutes later on a worker.
 */
public final class ParameterValidator {
  private ParameterValidator() {}

  /**
   * Every problem of {@code params} for {@code metadata}, one line each naming the parameter; empty
   * when the launch is fine. An empty value counts as not given. {@code otherAcceptedNames} are
   * names that are not template parameters but are still accepted, such as {@link
   * #beamOptionNames()}.
   */
  public static List<String> problems(
      TemplateMetadata metadata, Map<String, String> params, Set<String> otherAcceptedNames) {
    return problems(metadata, List.of(), params, otherAcceptedNames);
  }

  /**
   * As {@link #problems(TemplateMetadata, Map, Set)}, plus the template's cross-parameter rules.
   */
  public static List<String> problems(
      TemplateMetadata metadata,
      List<ParameterRule> rules,
      Map<String, String> params,
      Set<String> otherAcceptedNames) {
    List<String> problems = new ArrayList<>();
    for (ParameterMetadata parameter : metadata.parameters()) {
      String value = params.get(parameter.name());
      if (value == null || value.isEmpty()) {
        if (isRequired(parameter, params, metadata)) {
          problems.add(
              "parameter '"
                  + parameter.name()
                  + "' ("
                  + parameter.label()
                  + ") is required: "
                  + parameter.helpText());
        }
        continue;
      }
      for (String problem : ValueCheck.problems(parameter, value, ValueCheck.Regexes.IN_WORDS)) {
        problems.add(
            "parameter '"
                + parameter.name()
                + "': value '"
                + value
                + "' "
                + problem
                + "; expected: "
                + parameter.helpText());
      }
    }
    Set<String> known = new LinkedHashSet<>();
    metadata.parameters().forEach(p -> known.add(p.name()));
    for (String name : params.keySet()) {
      if (!known.contains(name) && !otherAcceptedNames.contains(name)) {
        problems.add(unknown(name, known, otherAcceptedNames));
      }
    }
    for (ParameterRule rule : rules) {
      rule.problem(params).ifPresent(problems::add);
    }
    return problems;
  }

  /**
   * Every property of every PipelineOptions interface registered with Beam (the runners', GCP's,
   * BigQuery's, Pub/Sub's...): what the Flex launcher may pass besides the template's own
   * parameters ({@code project}, {@code region}, {@code tempLocation}, {@code labels}...).
   */
  public static Set<String> beamOptionNames() {
    return BeamOptions.NAMES;
  }

  /** Computed once: the registry scan walks a few hundred interfaces. */
  private static final class BeamOptions {
    static final Set<String> NAMES = compute();

    private static Set<String> compute() {
      Set<String> names = new TreeSet<>();
      for (Class<? extends PipelineOptions> options :
          PipelineOptionsFactory.getRegisteredOptions()) {
        names.addAll(OptionsProperties.getters(options).keySet());
      }
      return Collections.unmodifiableSet(names);
    }
  }

  /** Like {@link #problems} but throws when there is any, all lines in one message. */
  public static void validateOrThrow(
      TemplateMetadata metadata,
      List<ParameterRule> rules,
      Map<String, String> params,
      Set<String> otherAcceptedNames) {
    List<String> problems = problems(metadata, rules, params, otherAcceptedNames);
    if (!problems.isEmpty()) {
      throw new ParameterValidationException(problems);
    }
  }

  /**
   * A required parameter under a parent is required only when the Console would show it: when the
   * parent's value is one of its trigger values, or, without trigger values, when the parent has
   * any value.
   */
  private static boolean isRequired(
      ParameterMetadata parameter, Map<String, String> params, TemplateMetadata metadata) {
    if (parameter.optional()) {
      return false;
    }
    if (!parameter.conditional()) {
      return true;
    }
    String parentValue = params.get(parameter.parentName());
    if (parentValue == null || parentValue.isEmpty()) {
      parentValue =
          metadata
              .parameter(parameter.parentName())
              .map(ParameterMetadata::defaultValue)
              .orElse(null);
    }
    if (parentValue == null || parentValue.isEmpty()) {
      return false;
    }
    return parameter.parentTriggerValues().isEmpty()
        || parameter.parentTriggerValues().contains(parentValue);
  }

  private static String unknown(String name, Set<String> known, Set<String> others) {
    // Suggest a template parameter first: a typo there matters more than one in a Beam option.
    String suggestion =
        ClosestName.of(name, known).or(() -> ClosestName.of(name, others)).orElse(null);
    if (suggestion != null) {
      return "unknown parameter '" + name + "'; did you mean '" + suggestion + "'?";
    }
    return "unknown parameter '"
        + name
        + "'; the template's parameters are: "
        + String.join(", ", known);
  }
}
