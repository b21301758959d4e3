package io.bqflex.write;

import io.bqflex.core.InvalidParameterException;
import io.bqflex.core.OutputRow;
import io.bqflex.core.SourceRecord;
import java.io.Serializable;
import java.util.Map;

/**
 * Which table each row goes to when the output table's name is a {@link TableNameTemplate}: the
 * project and dataset of the output-table parameter, the name the template forms from the row.
 */
public final class RowRouting implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String datasetPrefix;
  private final TableNameTemplate names;

  /** The dead-letter table's name when it is in the routed tables' dataset; null otherwise. */
  private final String deadLetterName;

  /** Whether the tables exist, when the write may not create them; null when it may. */
  private final TableExistence existence;

  private RowRouting(
      String datasetPrefix,
      TableNameTemplate names,
      String deadLetterName,
      TableExistence existence) {
    this.datasetPrefix = datasetPrefix;
    this.names = names;
    this.deadLetterName = deadLetterName;
    this.existence = existence;
  }

  /**
   * The routing of rows to tables named by {@code names} in the dataset of {@code outputTable} (the
   * value of {@code tableParameter}), with dead letters in {@code deadLetterTable}.
   *
   * @param existence whether each table exists, when the write may not create tables; else null
   * @throws InvalidParameterException when the output table has a partition decorator: the tables'
   *     names are formed per row, a decorator with them
   */
  static RowRouting of(
      String tableParameter,
      DecoratedTable outputTable,
      TableNameTemplate names,
      String deadLetterTable,
      TableExistence existence) {
    if (outputTable.partition() != null) {
      throw new InvalidParameterException(
          tableParameter,
          outputTable.spec()
              + " has a partition decorator, and "
              + TableNameTemplate.PARAMETER
              + " names the tables; with a template, "
              + tableParameter
              + " gives the project and dataset only");
    }
    String base = outputTable.base();
    String datasetPrefix = base.substring(0, base.lastIndexOf('.') + 1);
    // Decided once here, so that each row's check is one comparison of names.
    String deadLetters = deadLetterTable.trim().replace(':', '.');
    int dot = deadLetters.lastIndexOf('.');
    boolean sameDataset =
        deadLetters.substring(0, dot + 1).equals(datasetPrefix.trim().replace(':', '.'));
    return new RowRouting(
        datasetPrefix, names, sameDataset ? deadLetters.substring(dot + 1) : null, existence);
  }

  /**
   * The lookup of whether a table exists when the write may not create tables ({@code
   * CREATE_NEVER}); null when it creates each table as its first row comes.
   */
  TableExistence existence() {
    return existence;
  }

  /** The template the tables' names come from. */
  public TableNameTemplate names() {
    return names;
  }

  /**
   * The table {@code row} goes to, as {@code project:dataset.name}.
   *
   * @throws TableNameTemplate.NoTableName when its name cannot be formed, or is the dead-letter
   *     table's, which takes dead letters only
   */
  public String tableFor(OutputRow row) throws TableNameTemplate.NoTableName {
    SourceRecord record = row.record();
    return tableFor(row.row(), record == null ? null : record.attributes());
  }

  /** As {@link #tableFor(OutputRow)}, for a row and its record's attributes (null for none). */
  public String tableFor(Map<String, Object> row, Map<String, String> attributes)
      throws TableNameTemplate.NoTableName {
    String name = names.nameFor(row, attributes);
    String table = datasetPrefix + name;
    if (name.equals(deadLetterName)) {
      throw new TableNameTemplate.NoTableName(
          "table name template "
              + names.text()
              + " gives "
              + table
              + ", the dead-letter table, which takes dead letters only");
    }
    return table;
  }
}
