package io.bqflex.catalog;

import java.util.List;
import java.util.Map;

/**
 * A template's checks of a launch beyond its metadata: the files its parameters name (the schema)
 * and what the parameters ask of them. The catalog's commands run them once the metadata's checks
 * pass, on this machine: what needs Google Cloud is left to the launch, and said so.
 */
@FunctionalInterface
public interface LaunchChecks {
  /** No checks beyond the metadata's. */
  LaunchChecks NONE = parameters -> Findings.NONE;

  Findings check(Map<String, String> parameters);

  /**
   * @param problems one line per problem, naming the parameter
   * @param leftToLaunch one line per check that could not be made here and runs at launch
   */
  record Findings(List<String> problems, List<String> leftToLaunch) {
    public static final Findings NONE = new Findings(List.of(), List.of());

    public Findings {
      problems = List.copyOf(problems);
      leftToLaunch = List.copyOf(leftToLaunch);
    }
  }
}
