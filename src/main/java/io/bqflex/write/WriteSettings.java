package io.bqflex.write;

import com.google.api.services.bigquery.model.Clustering;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.api.services.bigquery.model.TimePartitioning;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.PayloadFormat;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.SchemaUpdateOption;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * Everything the BigQuery writer needs, resolved from the launch parameters once, while the
 * pipeline is built: a bad combination fails the launch, not the job.
 */
public record WriteSettings(
    DecoratedTable table,
    String deadLetterTable,
    String schemaJson,
    Method method,
    boolean streaming,
    CreateDisposition createDisposition,
    WriteDisposition writeDisposition,
    boolean ignoreUnknownValues,
    String partitioningField,
    String partitioningType,
    List<String> clusteringFields,
    String loadTempDirectory,
    int triggeringFrequencySeconds,
    int numStreams,
    PartitionCheck partitionCheck,
    RowRouting routing,
    Set<SchemaUpdateOption> schemaUpdates,
    int schemaRefreshSeconds,
    boolean mapsNewFields)
    implements Serializable {

  private static final Set<String> PARTITIONING_TYPES = Set.of("HOUR", "DAY", "MONTH", "YEAR");

  /** Streaming writes commit at least this often unless the user says otherwise. */
  static final int DEFAULT_TRIGGERING_FREQUENCY_SECONDS = 5;

  /**
   * The settings for writing to {@code table} (the value of the template's own output-table
   * parameter, named {@code tableParameter}) with {@code schemaJson}.
   *
   * @throws InvalidParameterException naming the parameter when the combination cannot work
   */
  public static WriteSettings of(
      BigQueryOutputOptions options, String tableParameter, String table, String schemaJson) {
    return of(options, tableParameter, table, schemaJson, false);
  }

  /**
   * The settings for routing rows ({@code outputTableNameTemplate}, {@code outputDatasetTemplate})
   * without {@code JSONPath}: each table's own schema converts its rows, the names formed from the
   * records' own fields, and rows go only to tables that exist.
   *
   * @throws InvalidParameterException naming the parameter when the combination cannot work
   */
  public static WriteSettings ofTablesOwnSchemas(
      BigQueryOutputOptions options, String tableParameter, String table) {
    return of(options, tableParameter, table, null, true);
  }

  /**
   * @param schemaJson the schema rows are written with; null when not known here, or where {@code
   *     tablesGiveSchemas}
   */
  private static WriteSettings of(
      BigQueryOutputOptions options,
      String tableParameter,
      String table,
      String schemaJson,
      boolean tablesGiveSchemas) {
    if (tablesGiveSchemas) {
      TablesOwnSchemas.refuseWhatNeedsOneSchema(options);
    }
    DecoratedTable output = DecoratedTable.parse(tableParameter, table);
    Integer frequencyGiven = options.getStorageWriteApiTriggeringFrequencySec();
    int frequency =
        frequencyGiven == null || frequencyGiven <= 0
            ? DEFAULT_TRIGGERING_FREQUENCY_SECONDS
            : frequencyGiven;
    Integer streams = options.getNumStorageWriteApiStreams();
    Method method = WriteMethods.choose(options);
    String partitioningType = partitioningType(options.getTimePartitioningType());
    String partitioningField = blankToNull(options.getTimePartitioningField());
    if (partitioningField != null && schemaJson != null) {
      partitioningField = PartitionColumn.of(partitioningField, partitioningType, schemaJson);
    }
    String deadLetterTable = DeadLetterTable.resolve(options.getOutputDeadletterTable(), output);
    RowRouting routing =
        routing(options, tableParameter, output, schemaJson, deadLetterTable, tablesGiveSchemas);
    if (routing != null) {
      DecoratorRules.checkRouted(
          routing, usesStorageWriteApi(method), partitioningField, partitioningType);
    }
    int refreshSeconds = schemaRefreshSeconds(options, method, routing, frequency);
    if (routing != null && refreshSeconds > 0) {
      routing =
          routing.followingTableSchemasBy(
              new RoutedSchemaFollowing(
                  options,
                  refreshSeconds * 1000L,
                  (LongSupplier & Serializable) System::currentTimeMillis));
    }
    Set<SchemaUpdateOption> schemaUpdates = schemaUpdates(options, output, routing);
    if (routing != null && !schemaUpdates.isEmpty() && usesStorageWriteApi(method)) {
      // The Storage Write API adds no columns: each table is widened before its first row.
      routing =
          routing.wideningTablesBy(
              new RoutedTableWidening(SchemaPatchesSource.of(options), schemaJson, schemaUpdates));
    }
    return new WriteSettings(
        output,
        deadLetterTable,
        schemaJson,
        method,
        options.as(StreamingOptions.class).isStreaming(),
        options.getCreateDisposition(),
        options.getWriteDisposition(),
        Boolean.TRUE.equals(options.getIgnoreUnknownValues()),
        partitioningField,
        partitioningType,
        clusteringFields(options.getClusteringFields(), schemaJson),
        // Only batch templates declare it; elsewhere it reads as unset.
        blankToNull(options.as(FileLoadOptions.class).getBigQueryLoadingTemporaryDirectory()),
        frequency,
        streams == null ? 0 : streams,
        DecoratorRules.checkFor(
            tableParameter,
            output,
            partitioningField,
            partitioningType,
            usesStorageWriteApi(method),
            options.getWriteDisposition()),
        routing,
        schemaUpdates,
        refreshSeconds,
        mapsNewFields(options, routing, refreshSeconds));
  }

  /**
   * Whether columns are added for the fields records carry that the table lacks ({@code
   * autoMapTables}): for jobs writing one table, and jobs whose routed tables give their own
   * schemas (each table gains the columns its records call for); streaming jobs need to follow
   * their tables' schemas, as they hold the records with new fields until the columns have settled.
   */
  private static boolean mapsNewFields(
      BigQueryOutputOptions options, RowRouting routing, int schemaRefreshSeconds) {
    // Only templates of JSON records declare it; elsewhere it reads as unset.
    if (!Boolean.TRUE.equals(options.as(AutoMapOptions.class).getAutoMapTables())) {
      return false;
    }
    String parameter = AutoMapOptions.PARAMETER;
    if (Boolean.TRUE.equals(options.getIgnoreUnknownValues())) {
      throw new InvalidParameterException(
          parameter,
          "adds columns for the fields ignoreUnknownValues would drop; set one of the two");
    }
    boolean streaming = options.as(StreamingOptions.class).isStreaming();
    if (routing != null && !routing.tablesGiveSchemas()) {
      throw new InvalidParameterException(
          parameter,
          "adds columns table by table, for the fields of each table's own records, so it needs"
              + " each routed table's own schema: leave JSONPath out, and each table gains the"
              + " columns its records call for");
    }
    if (streaming && schemaRefreshSeconds == 0) {
      throw new InvalidParameterException(
          parameter,
          "on a streaming job needs "
              + SchemaRefreshOptions.PARAMETER
              + " too: a record with new fields waits until its columns have been in the table"
              + " for that many seconds, so that the writer knows them (try 60)");
    }
    return true;
  }

  /**
   * How often a streaming job reads its table's schema again ({@link FollowedTableSchema}), or each
   * routed table's own where tables give their schemas ({@link RoutedSchemaFollowing}); 0 when it
   * does not. Only the Storage Write API takes new columns while it writes.
   */
  private static int schemaRefreshSeconds(
      BigQueryOutputOptions options, Method method, RowRouting routing, int triggeringSeconds) {
    // Only streaming templates declare it; elsewhere it reads as unset.
    Integer seconds = options.as(SchemaRefreshOptions.class).getTableSchemaRefreshSeconds();
    if (seconds == null || seconds == 0) {
      return 0;
    }
    String parameter = SchemaRefreshOptions.PARAMETER;
    if (seconds < 0) {
      throw new InvalidParameterException(
          parameter, seconds + " is negative; give a number of seconds, or 0 not to refresh");
    }
    if (!usesStorageWriteApi(method)) {
      throw new InvalidParameterException(
          parameter, "needs the Storage Write API: BigQuery load jobs take no new columns");
    }
    if (routing != null && !routing.tablesGiveSchemas()) {
      throw new InvalidParameterException(
          parameter,
          "follows each routed table's own schema, and with JSONPath every routed table's rows"
              + " are converted against that one schema: leave JSONPath out, and each table's"
              + " rows are converted against its schema as it is read every "
              + seconds
              + " s");
    }
    Integer streams = options.getNumStorageWriteApiStreams();
    if (method == Method.STORAGE_WRITE_API && (streams == null || streams <= 0)) {
      // Each exactly-once stream learns a new column from its own appends only; auto-sharding
      // makes streams that may stay idle through the settle period (FollowedTableSchema).
      throw new InvalidParameterException(
          parameter,
          "on an exactly-once job needs numStorageWriteApiStreams, a fixed number of streams small"
              + " enough that each writes within every "
              + seconds
              + " s: a stream that has not written since a column was added drops that column's"
              + " first values");
    }
    if (method == Method.STORAGE_WRITE_API && seconds <= triggeringSeconds) {
      // An exactly-once stream appends once per triggering period: only a column that has been in
      // the table longer than that has surely been seen in an append's answer.
      throw new InvalidParameterException(
          parameter,
          seconds
              + " s is not longer than storageWriteApiTriggeringFrequencySec ("
              + triggeringSeconds
              + " s): an exactly-once job's streams write, and learn of new columns, once per"
              + " that period; give more seconds, or commit more often");
    }
    return seconds;
  }

  /** The {@code schemaUpdateOptions}, refused where BigQuery would not apply them. */
  private static Set<SchemaUpdateOption> schemaUpdates(
      BigQueryOutputOptions options, DecoratedTable output, RowRouting routing) {
    Set<SchemaUpdateOption> updates = SchemaUpdates.parse(options.getSchemaUpdateOptions());
    SchemaUpdates.checkDisposition(
        updates,
        options.getWriteDisposition(),
        output.partition() != null || (routing != null && routing.decoratesPartitions()));
    return Collections.unmodifiableSet(updates); // in BigQuery's order, as load jobs list them
  }

  /**
   * The routing of rows to the datasets {@code outputDatasetTemplate} and the tables {@code
   * outputTableNameTemplate} name, checked against {@code schemaJson} when it is known; null when
   * neither parameter is given.
   */
  private static RowRouting routing(
      BigQueryOutputOptions options,
      String tableParameter,
      DecoratedTable output,
      String schemaJson,
      String deadLetterTable,
      boolean tablesGiveSchemas) {
    String datasetText = blankToNull(options.getOutputDatasetTemplate());
    String tableText = blankToNull(options.getOutputTableNameTemplate());
    if (datasetText == null && tableText == null) {
      return null;
    }
    TableSchema schema =
        schemaJson == null ? null : BigQuerySchemas.parse(schemaJson, "output schema");
    // Without a schema the templates read the records' own fields: checked as far as they can be.
    boolean check = schema != null || tablesGiveSchemas;
    NameTemplate datasets =
        checked(datasetText == null ? null : NameTemplate.forDatasets(datasetText), schema, check);
    NameTemplate names =
        checked(tableText == null ? null : NameTemplate.forTables(tableText), schema, check);
    // A row whose dataset or table does not exist would fail its whole bundle, again and again:
    // where the write cannot make them, each is looked up and a row for a missing one is a dead
    // letter. A table that gives its rows their schema must exist, and is looked up for it.
    boolean tablesMustExist = options.getCreateDisposition() == CreateDisposition.CREATE_NEVER;
    DestinationExistence existence =
        datasets != null || tablesMustExist || tablesGiveSchemas
            ? DestinationExistence.of(options)
            : null;
    return RowRouting.of(
        tableParameter,
        output,
        datasets,
        names,
        deadLetterTable,
        existence,
        tablesMustExist,
        tablesGiveSchemas);
  }

  /** {@code template} checked against {@code schema} (may be null) when {@code check}. */
  private static NameTemplate checked(NameTemplate template, TableSchema schema, boolean check) {
    return template == null || !check ? template : template.check(schema);
  }

  /**
   * Every problem {@link #of} would refuse, one line each: the partitioning and clustering columns
   * are checked against {@code schemaJson} (when not null) each on its own, the rest together.
   */
  public static List<String> problems(
      BigQueryOutputOptions options, String tableParameter, String table, String schemaJson) {
    return problems(options, tableParameter, table, schemaJson, false);
  }

  /** As above, and where {@code tablesGiveSchemas}, every problem {@link #ofTablesOwnSchemas}. */
  public static List<String> problems(
      BigQueryOutputOptions options,
      String tableParameter,
      String table,
      String schemaJson,
      boolean tablesGiveSchemas) {
    List<String> problems = new ArrayList<>();
    if (schemaJson != null) {
      String field = blankToNull(options.getTimePartitioningField());
      if (field != null) {
        collect(
            problems,
            () ->
                PartitionColumn.of(
                    field, partitioningType(options.getTimePartitioningType()), schemaJson));
      }
      collect(problems, () -> clusteringFields(options.getClusteringFields(), schemaJson));
    }
    if (problems.isEmpty()) {
      collect(problems, () -> of(options, tableParameter, table, schemaJson, tablesGiveSchemas));
    }
    return problems;
  }

  private static void collect(List<String> problems, Runnable check) {
    try {
      check.run();
    } catch (InvalidParameterException e) {
      problems.add(e.getMessage());
    }
  }

  /**
   * The tables a template writes for the output-table value {@code table}: that table as named,
   * then its dead-letter table.
   */
  public static List<String> outputTables(
      BigQueryOutputOptions options, String tableParameter, String table) {
    WriteSettings settings =
        of(options, tableParameter, table, null, OutputSchema.tablesGiveSchemas(options, null));
    return List.of(settings.table().spec(), settings.deadLetterTable());
  }

  /**
   * The table BigQueryIO writes: a load job takes the decorated partition; the Storage Write API
   * takes the base table (Beam strips the decorator there), rows outside the partition having been
   * dead-lettered by {@link #partitionCheck}.
   */
  public String destination() {
    return usesStorageWriteApi() ? table.base() : table.spec();
  }

  /**
   * Whether the existing output table is widened to the schema before the job starts: the Storage
   * Write API's way of {@link #schemaUpdates} (a load job carries them itself).
   */
  boolean widensTableFirst() {
    return usesStorageWriteApi() && !schemaUpdates.isEmpty() && !routesRows();
  }

  /**
   * Whether the running job follows the output table's schema, or each routed table's own where
   * tables give their schemas: rows converted against the schema {@link FollowedTableSchema} reads,
   * written by BigQueryIO with its auto schema update.
   */
  public boolean followsTableSchema() {
    return schemaRefreshSeconds > 0;
  }

  /**
   * Whether each routed table's own schema converts its rows ({@link #ofTablesOwnSchemas}): there
   * is no {@link #schemaJson()}, and tables are not created.
   */
  public boolean tablesGiveSchemas() {
    return routing != null && routing.tablesGiveSchemas();
  }

  /**
   * The format of rows for one table's schema, as this writer needs them: {@code formats}' own,
   * with JSON columns as text on the Storage Write API ({@link JsonColumnsAsText}), where each
   * table's own schema converts its rows and the writer knows no schema to do it.
   */
  public SerializableFunction<TableSchema, PayloadFormat> formatsForTables(
      SerializableFunction<TableSchema, PayloadFormat> formats) {
    return usesStorageWriteApi() ? JsonColumnsAsText.around(formats) : formats;
  }

  /** Whether each row's table is formed from the row ({@link #routing()}). */
  public boolean routesRows() {
    return routing != null;
  }

  /** The output table as the write creates it, with {@code schema}. */
  Table newTable(TableSchema schema) {
    return new Table()
        .setTableReference(BigQueryHelpers.parseTableSpec(table.base()))
        .setSchema(schema)
        .setTimePartitioning(timePartitioning())
        .setClustering(clustering());
  }

  TimePartitioning timePartitioning() {
    return partitioningField == null
        ? null
        : new TimePartitioning().setField(partitioningField).setType(partitioningType);
  }

  Clustering clustering() {
    return clusteringFields.isEmpty() ? null : new Clustering().setFields(clusteringFields);
  }

  /**
   * The check that keeps a row too large for a load job from failing it, on {@code FILE_LOADS}, by
   * the limit of the load files' format; null on the Storage Write API, where BigQueryIO itself
   * fails such a row to the dead letters.
   */
  public LoadJobRowLimit loadJobRowLimit() {
    if (method != Method.FILE_LOADS) {
      return null;
    }
    return schemaJson != null
            && OutputRowFormat.loadsAvroFiles(
                this, BigQuerySchemas.parse(schemaJson, "output schema"))
        ? LoadJobRowLimit.forAvroLoads(schemaJson)
        : LoadJobRowLimit.forJsonLoads();
  }

  boolean usesStorageWriteApi() {
    return usesStorageWriteApi(method);
  }

  private static boolean usesStorageWriteApi(Method method) {
    return method == Method.STORAGE_WRITE_API || method == Method.STORAGE_API_AT_LEAST_ONCE;
  }

  private static String partitioningType(String value) {
    String type = value == null || value.isBlank() ? "DAY" : value.trim().toUpperCase();
    if (!PARTITIONING_TYPES.contains(type)) {
      throw new InvalidParameterException(
          "timePartitioningType", "'" + value + "' is not one of HOUR, DAY, MONTH, YEAR");
    }
    return type;
  }

  private static List<String> clusteringFields(String value, String schemaJson) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> fields =
        Arrays.stream(value.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList();
    if (fields.size() > 4) {
      throw new InvalidParameterException(
          "clusteringFields", "BigQuery clusters by at most 4 columns, got " + fields.size());
    }
    return schemaJson == null ? fields : ClusteringColumns.of(fields, schemaJson);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
