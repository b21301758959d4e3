package io.bqflex.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which parts of the benchmark run, from {@code -Dbench.parts=split,small,props,e2e,jmh} ({@code
 * all}, the default, runs every one). The property tests run first when chosen: figures of code
 * that splits wrongly are not worth taking.
 */
enum BenchParts {
  PROPS,
  SPLIT,
  SMALL,
  E2E,
  JMH;

  static Set<BenchParts> parse(String parts) {
    if (parts == null || parts.isBlank() || parts.trim().equalsIgnoreCase("all")) {
      return EnumSet.allOf(BenchParts.class);
    }
    Set<BenchParts> chosen = EnumSet.noneOf(BenchParts.class);
    for (String part : parts.split(",")) {
      String name = part.trim().toUpperCase(Locale.ROOT);
      try {
        chosen.add(valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "bench.parts: unknown part '"
                + part.trim()
                + "'; choose from all or "
                + Arrays.stream(values())
                    .map(p -> p.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(",")),
            e);
      }
    }
    return chosen;
  }
}
