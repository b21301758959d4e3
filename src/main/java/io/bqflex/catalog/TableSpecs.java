package io.bqflex.catalog;

import io.bqflex.core.NameRule;
import io.bqflex.core.TableNames;

/**
 * BigQuery table specs as both Beam's parser ({@code BigQueryHelpers.parseTableSpec}) and BigQuery
 * accept them: {@code project:dataset.table} or {@code project.dataset.table}. Beam alone would let
 * through names BigQuery refuses (datasets with dashes, one-letter projects), which then fail only
 * once the job runs; checked at launch they fail with one line.
 *
 * <p>A partition decorator ({@code $20240101}) after the table name is passed over here: the write
 * settings check it against the table's partitioning.
 */
final class TableSpecs {
  static final String EXAMPLE = "my-project:shop.orders";

  private TableSpecs() {}

  /**
   * Why {@code value} is not a table spec, as a fragment that follows the quoted value; null if it
   * is one.
   */
  static String problem(String value) {
    if (!value.isEmpty() && Character.isWhitespace(value.charAt(0))) {
      return "has a leading space";
    }
    if (!value.isEmpty() && Character.isWhitespace(value.charAt(value.length() - 1))) {
      return "has a trailing space";
    }
    int decorator = value.indexOf('$');
    String spec = decorator < 0 ? value : value.substring(0, decorator);
    int colon = spec.lastIndexOf(':');
    String[] parts = spec.substring(colon + 1).split("\\.", -1);
    String project;
    if (colon >= 0 && parts.length == 2) {
      project = spec.substring(0, colon);
    } else if (parts.length == 3 && (colon < 0 || spec.substring(0, colon).contains("."))) {
      // project.dataset.table, the project possibly with a domain (example.com:my-project); a
      // domain has a dot, so my-project:shop.orders.v2 is a table name with a dot, not a domain.
      project = spec.substring(0, colon + 1) + parts[0];
    } else {
      return "is not a BigQuery table; expected project:dataset.table or project.dataset.table,"
          + " e.g. "
          + EXAMPLE;
    }
    String dataset = parts[parts.length - 2];
    String table = parts[parts.length - 1];
    String projectProblem = ProjectIds.problem(project);
    if (projectProblem != null) {
      return "names the project '" + project + "', which " + projectProblem;
    }
    if (NameRule.DATASET.problem(dataset) != null) {
      return "has the dataset name '"
          + dataset
          + "', which BigQuery refuses: a dataset name has 1 to 1,024 letters, digits and"
          + " underscores; e.g. "
          + EXAMPLE;
    }
    // Table naming (categories L, M, N, and of Pc, Pd and Zs what Beam's parser also takes).
    if (TableNames.problem(table) != null) {
      return "has the table name '"
          + table
          + "', which BigQuery refuses: a table name has 1 to 1,024 UTF-8 bytes of letters, marks,"
          + " numbers, underscores, dashes and spaces; e.g. "
          + EXAMPLE;
    }
    return null;
  }
}
