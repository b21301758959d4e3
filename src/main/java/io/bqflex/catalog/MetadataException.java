package io.bqflex.catalog;

import java.util.List;

/**
 * A metadata file that cannot be used, with every problem found in it: one line each, naming the
 * file and the field.
 */
public class MetadataException extends Exception {
  private final List<String> problems;

  public MetadataException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
