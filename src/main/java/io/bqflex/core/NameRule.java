package io.bqflex.core;

import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;

/**
 * BigQuery's rule for the name of a table or of a dataset, as checked before a name formed from a
 * row is written to: which characters it may have, how long it may be, where BigQuery says so.
 */
public enum NameRule {
  /** See {@link TableNames}. */
  TABLE(
      "table",
      TableNames::allowed,
      "letters, marks, numbers, '_', '-' and spaces",
      "https://cloud.google.com/bigquery/docs/tables#table_naming"),
  /**
   * "Can contain up to 1,024 characters. Can contain letters (uppercase or lowercase), numbers, and
   * underscores", read as ASCII: the REST API's dataset ids are {@code [A-Za-z0-9_]+}.
   */
  DATASET(
      "dataset",
      c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_',
      "ASCII letters, digits and '_'",
      "https://cloud.google.com/bigquery/docs/datasets#dataset-naming");

  public static final int MAX_BYTES = TableNames.MAX_BYTES;

  private final String kind;
  private final IntPredicate allowed;
  private final String allowedText;
  private final String docs;

  NameRule(String kind, IntPredicate allowed, String allowedText, String docs) {
    this.kind = kind;
    this.allowed = allowed;
    this.allowedText = allowedText;
    this.docs = docs;
  }

  /** "table" or "dataset", for messages. */
  public String kind() {
    return kind;
  }

  /** The characters a name may have, for messages. */
  public String allowedText() {
    return allowedText;
  }

  /** BigQuery's page that states the rule. */
  public String docs() {
    return docs;
  }

  /** The first character of {@code text} a name may not have, or -1. */
  public int firstRefused(String text) {
    return text.codePoints().filter(c -> !allowed.test(c)).findFirst().orElse(-1);
  }

  /** Why {@code name} cannot be a name of this kind, as a fragment; null when it can. */
  public String problem(String name) {
    if (name.isEmpty()) {
      return "is empty";
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      return "has " + bytes + " UTF-8 bytes, over BigQuery's " + MAX_BYTES;
    }
    int bad = firstRefused(name);
    return bad < 0
        ? null
        : "has " + TableNames.describe(bad) + ", which BigQuery refuses in a " + kind + " name";
  }
}
