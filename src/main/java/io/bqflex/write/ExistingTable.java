package io.bqflex.write;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TimePartitioning;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.BigQuerySchemas;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the existing output table refuses of the launch parameters, looked up before the pipeline is
 * built through the BigQuery services the write uses: BigQuery itself on Dataflow, Beam's
 * in-process BigQuery in a local run and in tests.
 *
 * <p>BigQueryIO sends the parameters' time partitioning with every load job (and with the table's
 * creation), and BigQuery refuses a load whose partitioning differs from the existing table's
 * (https://cloud.google.com/bigquery/docs/partitioned-tables): so parameters that disagree with the
 * table fail the job minutes in, after the files were read. An ingestion-time partitioned table
 * takes no partitioning column; a decorator ({@code $20240101}) writes one of its partitions as of
 * any partitioned table. A lookup that fails (no permission, no network) blocks nothing: the job
 * then finds out as it did before.
 */
public final class ExistingTable {
  private static final Logger LOG = LoggerFactory.getLogger(ExistingTable.class);

  /** How long a launch waits for BigQuery's answer before it goes on unchecked. */
  static final Duration LOOKUP_LIMIT = Duration.ofSeconds(15);

  private ExistingTable() {}

  /**
   * One line per way the parameters disagree with the output table {@code table} (the value of the
   * template's output-table parameter {@code tableParameter}) as it exists now; empty when they
   * agree, when it does not exist and may be created, or when it could not be looked up.
   *
   * @param schemaJson the schema rows are written with, checked against the table's (see {@link
   *     SchemaChanges}); null when it could not be read
   */
  public static List<String> problems(
      BigQueryOutputOptions options, String tableParameter, String table, String schemaJson) {
    if (OutputSchema.routesRows(options)) {
      // The table is named row by row: there is none to look up before the rows come.
      return List.of();
    }
    DecoratedTable output;
    TableReference ref;
    try {
      output = DecoratedTable.parse(tableParameter, table);
      ref = BigQueryHelpers.parseTableSpec(output.base());
    } catch (IllegalArgumentException e) {
      return List.of(); // the table name's own checks say what is wrong with it
    }
    Table existing;
    try {
      existing = lookUp(options, ref);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      LOG.warn(
          "bqflex: could not look up the output table {} ({}); whether it exists and how it is"
              + " partitioned is not checked before the job starts",
          output.base(),
          cause instanceof TimeoutException
              ? "no answer within " + LOOKUP_LIMIT.toSeconds() + " s"
              : String.valueOf(cause.getMessage()));
      return List.of();
    }
    if (existing == null) {
      return options.getCreateDisposition() == CreateDisposition.CREATE_NEVER
          ? List.of(missing(output.base(), inProcess(options)))
          : List.of();
    }
    String partitioning = partitioningProblem(options, output.base(), existing);
    if (partitioning != null) {
      return List.of(partitioning);
    }
    String decorator = decoratorProblem(tableParameter, output, existing);
    if (decorator != null) {
      return List.of(decorator);
    }
    return schemaJson == null ? List.of() : schemaProblems(options, output, existing, schemaJson);
  }

  /**
   * What BigQuery would refuse of writing rows of {@code schemaJson} into the table, given the
   * parameters' schema update options; nothing when the write replaces the whole table, schema and
   * all.
   */
  private static List<String> schemaProblems(
      BigQueryOutputOptions options, DecoratedTable output, Table existing, String schemaJson) {
    if (options.getWriteDisposition() == WriteDisposition.WRITE_TRUNCATE
        && output.partition() == null) {
      return List.of();
    }
    SchemaChanges changes =
        SchemaChanges.between(
            existing.getSchema(), BigQuerySchemas.parse(schemaJson, "output schema"));
    return SchemaUpdates.problems(
        changes, SchemaUpdates.parse(options.getSchemaUpdateOptions()), output.base(), "JSONPath");
  }

  /**
   * The table, or null when it does not exist. BigQueryIO's client retries a refused request (no
   * permission, no network) for a minute or more; the launch waits at most {@link #LOOKUP_LIMIT}
   * and leaves the rest to a daemon thread that dies with the launcher.
   */
  private static Table lookUp(BigQueryOutputOptions options, TableReference ref)
      throws InterruptedException, ExecutionException, TimeoutException {
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "bqflex-output-table-lookup");
              t.setDaemon(true);
              return t;
            });
    try {
      return thread
          .submit(
              () -> {
                try (DatasetService datasets = BigQueryServicesOverride.datasetService(options)) {
                  return datasets.getTable(ref);
                }
              })
          .get(LOOKUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      thread.shutdownNow();
    }
  }

  private static String missing(String table, boolean inProcess) {
    return new InvalidParameterException(
            "createDisposition",
            "table "
                + table
                + " does not exist and CREATE_NEVER does not create it; create the table first,"
                + " or set createDisposition=CREATE_IF_NEEDED"
                + (inProcess
                    ? " (in-process BigQuery, as local runs use, starts with no tables)"
                    : ""))
        .getMessage();
  }

  /** What BigQuery would refuse of the parameters' partitioning, or null. */
  private static String partitioningProblem(
      BigQueryOutputOptions options, String table, Table existing) {
    String field = blankToNull(options.getTimePartitioningField());
    if (field == null) {
      return null; // no partitioning is sent: the table keeps its own
    }
    String type = typeOf(options.getTimePartitioningType());
    TimePartitioning actual = existing.getTimePartitioning();
    boolean sameField = actual != null && field.equalsIgnoreCase(actual.getField());
    if (sameField && type.equals(typeOf(actual.getType()))) {
      return null;
    }
    String fix =
        actual == null
            ? "leave timePartitioningField out, or write to a table partitioned by it"
            : actual.getField() == null
                ? "leave timePartitioningField out: the table partitions by load time"
                : "give timePartitioningField="
                    + actual.getField()
                    + " and timePartitioningType="
                    + typeOf(actual.getType())
                    + ", as the table has";
    return new InvalidParameterException(
            sameField ? "timePartitioningType" : "timePartitioningField",
            "table "
                + table
                + " is "
                + describe(actual)
                + ", but the parameters ask for "
                + type
                + " partitions on column '"
                + field
                + "', which BigQuery refuses for a load into it; "
                + fix)
        .getMessage();
  }

  /** What BigQuery would refuse of the output table's partition decorator, or null. */
  private static String decoratorProblem(
      String tableParameter, DecoratedTable output, Table existing) {
    PartitionDecorator partition = output.partition();
    if (partition == null) {
      return null;
    }
    TimePartitioning actual = existing.getTimePartitioning();
    if (actual == null) {
      return new InvalidParameterException(
              tableParameter,
              output.spec()
                  + " names partition "
                  + partition
                  + ", but table "
                  + output.base()
                  + " is not partitioned; write to "
                  + output.base()
                  + " without the decorator")
          .getMessage();
    }
    String tableType = typeOf(actual.getType());
    if (partition.type() != null && !partition.type().equals(tableType)) {
      return new InvalidParameterException(
              tableParameter,
              output.spec()
                  + " names a "
                  + partition.type()
                  + " partition, but table "
                  + output.base()
                  + " is "
                  + describe(actual)
                  + "; name a "
                  + tableType
                  + " partition")
          .getMessage();
    }
    return null;
  }

  /** E.g. "not partitioned", "partitioned by DAY on column 'placed'". */
  private static String describe(TimePartitioning partitioning) {
    if (partitioning == null) {
      return "not partitioned";
    }
    String type = typeOf(partitioning.getType());
    return partitioning.getField() == null
        ? "partitioned by " + type + " of ingestion time"
        : "partitioned by " + type + " on column '" + partitioning.getField() + "'";
  }

  /** BigQuery's default granularity is DAY. */
  private static String typeOf(String type) {
    return type == null || type.isBlank() ? "DAY" : type.trim().toUpperCase(Locale.ROOT);
  }

  private static boolean inProcess(BigQueryOutputOptions options) {
    return options.as(BigQueryServicesOverride.Options.class).getBigQueryServicesOverride() != null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
