package io.bqflex.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the known name a misspelt one was most likely meant to be, for "did you mean" hints. */
final class ClosestName {
  private ClosestName() {}

  /**
   * The candidate nearest to {@code name} by edit distance (ignoring case; a swap of two
   * neighbouring letters counts as one edit), if one is near enough to be a typo: at most a third
   * of the name's length, and at least 2 edits allowed. Ties go to the first candidate. Failing
   * that, the one candidate the name abbreviates ({@code desc} for {@code description}).
   */
  static Optional<String> of(String name, Collection<String> candidates) {
    String wanted = name.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, name.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (bestDistance <= allowed) {
      return Optional.of(best);
    }
    List<String> abbreviated =
        candidates.stream()
            .filter(c -> wanted.length() >= 3 && c.toLowerCase(Locale.ROOT).startsWith(wanted))
            .toList();
    return abbreviated.size() == 1 ? Optional.of(abbreviated.get(0)) : Optional.empty();
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
