package io.bqflex.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.core.OutputRow;
import io.bqflex.core.SourceRecord;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;

/**
 * Which table each row goes to when {@code outputDatasetTemplate} or {@code
 * outputTableNameTemplate} forms it from the row ({@link NameTemplate}): the project of the
 * output-table parameter, the dataset and the name formed from the row, or else the output table's.
 */
public final class RowRouting implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The output table's project, or null when its parameter names none. */
  private final String project;

  private final String dataset;
  private final String name;

  /** Null: every row's dataset is the output table's. */
  private final NameTemplate datasets;

  /** Null: every row's table name is the output table's. */
  private final NameTemplate names;

  /** The dead-letter table's project (null for none), dataset and name. */
  private final String deadLetterProject;

  private final String deadLetterDataset;
  private final String deadLetterName;

  /**
   * Whether datasets and tables exist, where the write cannot make them (datasets formed from rows,
   * tables under {@code CREATE_NEVER}); null when it makes every one it needs.
   */
  private final DestinationExistence existence;

  private final boolean tablesMustExist;

  /**
   * Whether each table's own schema converts its rows (no {@code JSONPath}): the names are then
   * formed from the records' own fields, and each table is looked up for its schema.
   */
  private final boolean tablesGiveSchemas;

  /** Widens each table before its first row ({@code schemaUpdateOptions}); null for none. */
  private final RoutedTableWidening widening;

  /**
   * Follows each table's own schema while the job runs ({@code tableSchemaRefreshSeconds}), where
   * tables give their schemas; null where each is taken as first found.
   */
  private final RoutedSchemaFollowing following;

  private RowRouting(
      TableReference output,
      NameTemplate datasets,
      NameTemplate names,
      TableReference deadLetters,
      DestinationExistence existence,
      boolean tablesMustExist,
      boolean tablesGiveSchemas) {
    this.project = output.getProjectId();
    this.dataset = output.getDatasetId();
    this.name = output.getTableId();
    this.datasets = datasets;
    this.names = names;
    this.deadLetterProject = deadLetters.getProjectId();
    this.deadLetterDataset = deadLetters.getDatasetId();
    this.deadLetterName = deadLetters.getTableId();
    this.existence = existence;
    this.tablesMustExist = tablesMustExist;
    this.tablesGiveSchemas = tablesGiveSchemas;
    this.widening = null;
    this.following = null;
  }

  /**
   * The routing of rows to the datasets {@code datasets} and the tables {@code names} form (either
   * may be null: the output table's), with dead letters in {@code deadLetterTable}.
   *
   * @param outputTable the value of {@code tableParameter}: its project, and its dataset or name
   *     where no template forms them
   * @param existence whether datasets and tables exist, and the tables' schemas; needed when {@code
   *     datasets} is given, {@code tablesMustExist} or {@code tablesGiveSchemas}, else null
   * @param tablesGiveSchemas whether each table's own schema converts its rows
   * @throws InvalidParameterException when the output table has a partition decorator: the tables
   *     are formed per row, a decorator with them
   */
  static RowRouting of(
      String tableParameter,
      DecoratedTable outputTable,
      NameTemplate datasets,
      NameTemplate names,
      String deadLetterTable,
      DestinationExistence existence,
      boolean tablesMustExist,
      boolean tablesGiveSchemas) {
    if (outputTable.partition() != null) {
      throw new InvalidParameterException(
          tableParameter,
          outputTable.spec()
              + " has a partition decorator, and "
              + (names != null ? names : datasets).parameter()
              + " forms the tables; with a template, "
              + tableParameter
              + " gives the project"
              + (names == null ? " and table name" : datasets == null ? " and dataset" : "")
              + " only");
    }
    return new RowRouting(
        BigQueryHelpers.parseTableSpec(outputTable.base()),
        datasets,
        names,
        BigQueryHelpers.parseTableSpec(deadLetterTable),
        existence,
        tablesMustExist,
        tablesGiveSchemas);
  }

  /**
   * This routing, widening each table to the schema rows are written with before its first row
   * passes {@link #checkedTableFor}.
   */
  RowRouting wideningTablesBy(RoutedTableWidening tableWidening) {
    return new RowRouting(this, tableWidening, following);
  }

  /**
   * This routing, where tables give their schemas, converting each table's rows against its schema
   * as {@code schemaFollowing} follows it.
   */
  RowRouting followingTableSchemasBy(RoutedSchemaFollowing schemaFollowing) {
    return new RowRouting(this, widening, schemaFollowing);
  }

  private RowRouting(
      RowRouting routing, RoutedTableWidening widening, RoutedSchemaFollowing following) {
    this.project = routing.project;
    this.dataset = routing.dataset;
    this.name = routing.name;
    this.datasets = routing.datasets;
    this.names = routing.names;
    this.deadLetterProject = routing.deadLetterProject;
    this.deadLetterDataset = routing.deadLetterDataset;
    this.deadLetterName = routing.deadLetterName;
    this.existence = routing.existence;
    this.tablesMustExist = routing.tablesMustExist;
    this.tablesGiveSchemas = routing.tablesGiveSchemas;
    this.widening = widening;
    this.following = following;
  }

  /** Whether each row's table name ends in the decorator of its partition. */
  public boolean decoratesPartitions() {
    return names != null && names.decoratorColumn() != null;
  }

  /** The template of the rows' table names; null when every row's is the output table's. */
  NameTemplate names() {
    return names;
  }

  /** Whether each table's own schema converts its rows, names formed from the records' fields. */
  public boolean tablesGiveSchemas() {
    return tablesGiveSchemas;
  }

  /** A record's table, and that table's schema, which converts the record. */
  public record Destination(String table, TableSchema schema) {}

  /**
   * Where each table's own schema converts its rows ({@link #tablesGiveSchemas()}): the table of
   * the record whose own JSON object is {@code record} (see {@link NameTemplate#putRecordValues}),
   * checked as by {@link #checkedTableFor}, and its schema, looked up once.
   *
   * @throws NameTemplate.NoName saying what cannot be formed or does not exist, and what to do
   */
  public Destination destinationOf(JsonNode record, Map<String, String> attributes)
      throws NameTemplate.NoName {
    return destinationOf(record, attributes, table -> null);
  }

  /**
   * As {@link #destinationOf(JsonNode, Map)}, where the job worked out some tables' schemas itself
   * ({@code autoMapTables}): {@code known} gives them by table (without decorator), null for a
   * table it does not know, and only those are looked up.
   */
  public Destination destinationOf(
      JsonNode record, Map<String, String> attributes, Function<String, TableSchema> known)
      throws NameTemplate.NoName {
    String table = tableOf(record, attributes);
    String base = DecoratedTable.baseOf(table);
    TableSchema worked = known.apply(base);
    TableSchema schema = worked != null ? worked : schemaOf(base);
    if (schema == null) {
      throw new NameTemplate.NoName(
          "table "
              + table
              + " does not exist; without JSONPath each table's rows are converted against its own"
              + " schema, so rows go only to tables that exist: create it, and rows for it are"
              + " written from then on (it is looked up again after a minute), or give JSONPath to"
              + " create tables with that schema");
    }
    return new Destination(table, schema);
  }

  /**
   * Where each table's own schema converts its rows: the schema {@code table}'s rows ({@code
   * project:dataset.name}, without decorator) are converted against now, as first found or as
   * followed since ({@code tableSchemaRefreshSeconds}); null while the table does not exist, as far
   * as known.
   */
  public TableSchema schemaOf(String table) {
    TableSchema found = existingSchema(table);
    return following == null || found == null ? found : following.schemaOf(table, found);
  }

  /**
   * Where each table's own schema converts its rows: the table of the record whose own JSON object
   * is {@code record}, checked as by {@link #checkedTableFor}.
   *
   * @throws NameTemplate.NoName saying what cannot be formed or does not exist, and what to do
   */
  public String tableOf(JsonNode record, Map<String, String> attributes)
      throws NameTemplate.NoName {
    return tableFor(recordValues(record), attributes, true);
  }

  /**
   * Takes note that the job has just made or changed {@code table} ({@code project:dataset.name},
   * without decorator): if it was found missing, it is looked up again at its next row rather than
   * a minute after it was found missing.
   */
  public void tableChanged(String table) {
    if (existence != null) {
      existence.lookUpAgain(table);
    }
  }

  /**
   * The schema of {@code table} ({@code project:dataset.name}, without decorator) as first found,
   * or null while it does not exist: looked up once, where each table's own schema converts its
   * rows.
   */
  private TableSchema existingSchema(String table) {
    return existence.tableSchema(table);
  }

  private Map<String, Object> recordValues(JsonNode record) throws NameTemplate.NoName {
    Map<String, Object> values = new HashMap<>();
    for (NameTemplate template : templates()) {
      template.putRecordValues(record, values);
    }
    return values;
  }

  /** The templates that form the rows' tables: for the launch checks. */
  public List<NameTemplate> templates() {
    return Stream.of(datasets, names).filter(Objects::nonNull).toList();
  }

  /**
   * The table {@code row} goes to, as {@code project:dataset.name}, and {@code $partition} where
   * the template names partitions ({@link #decoratesPartitions()}).
   *
   * @throws NameTemplate.NoName when its dataset or name cannot be formed, or it is the dead-letter
   *     table, which takes dead letters only
   */
  public String tableFor(OutputRow row) throws NameTemplate.NoName {
    SourceRecord record = row.record();
    return tableFor(row.row(), record == null ? null : record.attributes());
  }

  /** As {@link #tableFor(OutputRow)}, for a row and its record's attributes (null for none). */
  public String tableFor(Map<String, Object> row, Map<String, String> attributes)
      throws NameTemplate.NoName {
    return tableFor(row, attributes, false);
  }

  /**
   * As {@link #tableFor(Map, Map)}, and refused also when the table's dataset does not exist, where
   * datasets are formed from rows, or the table itself does not, where tables are not created, or
   * it cannot be widened to the schema, where tables are widened first: the check of each row
   * before BigQueryIO, which then forms the name again without it.
   *
   * @throws NameTemplate.NoName saying what cannot be formed or does not exist, and what to do
   */
  String checkedTableFor(Map<String, Object> row, Map<String, String> attributes)
      throws NameTemplate.NoName {
    return tableFor(row, attributes, true);
  }

  private String tableFor(Map<String, Object> row, Map<String, String> attributes, boolean checked)
      throws NameTemplate.NoName {
    String rowDataset = datasets == null ? dataset : datasets.nameFor(row, attributes);
    String rowName = names == null ? name : names.nameFor(row, attributes);
    String datasetSpec = (project == null ? "" : project + ":") + rowDataset;
    String table = datasetSpec + "." + rowName;
    if (DecoratedTable.baseOf(rowName).equals(deadLetterName)
        && rowDataset.equals(deadLetterDataset)
        && Objects.equals(project, deadLetterProject)) {
      throw new NameTemplate.NoName(
          "the row's table, "
              + table
              + ", is the dead-letter table, which takes dead letters only");
    }
    if (checked
        && datasets != null
        && !existence.datasetExists(project == null ? "" : project, rowDataset)) {
      throw new NameTemplate.NoName(
          "dataset "
              + datasetSpec
              + " does not exist, and BigQuery creates no dataset for a write; create it, and"
              + " rows for it are written from then on (it is looked up again after a minute)");
    }
    if (checked && tablesMustExist && !existence.tableExists(DecoratedTable.baseOf(table))) {
      throw new NameTemplate.NoName(
          "table "
              + DecoratedTable.baseOf(table)
              + " does not exist, and createDisposition=CREATE_NEVER creates no table; create it,"
              + " and rows for it are written from then on (it is looked up again after a"
              + " minute)");
    }
    String problem =
        checked && widening != null ? widening.problemOf(DecoratedTable.baseOf(table)) : null;
    if (problem != null) {
      throw new NameTemplate.NoName(problem);
    }
    return table;
  }
}
