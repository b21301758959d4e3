package io.bqflex.write;

import com.google.api.client.http.HttpResponseException;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Whether a routed row's dataset and table exist, where the write cannot make them: BigQuery
 * creates no dataset for a write, and creates no table with {@code createDisposition=CREATE_NEVER}.
 * Such a row would fail its whole bundle, again and again, so it is a dead letter instead. Asked of
 * the BigQuery services the write uses, once per name per instance: what is found is remembered,
 * what is missing is asked again after {@link #RECHECK_MISSING_MILLIS}, so a dataset or table
 * created while the job runs takes its rows from then on. Where each table's own schema converts
 * its rows ({@link RowRouting#tablesGiveSchemas()}), the lookup of a table gives that schema too,
 * as found first, which {@link RoutedSchemaFollowing} follows from then on where the job refreshes
 * schemas ({@code tableSchemaRefreshSeconds}); elsewhere a column added later reaches the job when
 * it is started again.
 *
 * <p>Serialized with the row checks to the workers, where it makes its own dataset service: with
 * the replacement services of a local run or test, or else BigQuery's, with the worker's default
 * credentials (the job's service account on Dataflow).
 */
public final class DestinationExistence implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How long a name found missing is taken as missing before it is looked up again. */
  static final long RECHECK_MISSING_MILLIS = 60_000;

  /** At most this many missing names are remembered, the oldest forgotten first. */
  static final int MAX_MISSING = 10_000;

  private static final int NOT_FOUND = 404;

  private final WorkerDatasets datasets;
  private final LongSupplier clock;

  /** What each name found was looked up as: its table's schema, or TRUE for a dataset. */
  private transient Map<String, Object> found;

  private transient Map<String, Long> missingSince;

  private DestinationExistence(WorkerDatasets datasets, LongSupplier clock) {
    this.datasets = datasets;
    this.clock = clock;
  }

  /** Through the BigQuery services {@code options}' writes use. */
  static DestinationExistence of(PipelineOptions options) {
    return of(options, (LongSupplier & Serializable) System::currentTimeMillis);
  }

  /** As above, with {@code clock} giving the time in milliseconds. */
  static DestinationExistence of(PipelineOptions options, LongSupplier clock) {
    return new DestinationExistence(WorkerDatasets.of(options), clock);
  }

  /** Whether dataset {@code dataset} of project {@code project} exists now, as far as known. */
  boolean datasetExists(String project, String dataset) {
    return lookUp(
            "dataset " + project + ":" + dataset,
            () -> datasetFound(project, dataset) ? Boolean.TRUE : null)
        != null;
  }

  /** Whether {@code table} ({@code project:dataset.table}) exists now, as far as known. */
  boolean tableExists(String table) {
    return tableSchema(table) != null;
  }

  /**
   * The schema of {@code table} ({@code project:dataset.table}) as it was first found, or null
   * while the table does not exist, as far as known.
   */
  TableSchema tableSchema(String table) {
    return (TableSchema)
        lookUp(
            "table " + table,
            () -> {
              Table found = service().getTable(BigQueryHelpers.parseTableSpec(table));
              if (found == null) {
                return null;
              }
              return found.getSchema() == null ? new TableSchema() : found.getSchema();
            });
  }

  /**
   * Forgets that {@code table} was found missing, so that the next lookup asks BigQuery again: for
   * a table the job has just created.
   */
  void lookUpAgain(String table) {
    if (missingSince != null) {
      missingSince.remove("table " + table);
    }
  }

  /** A lookup of BigQuery; what it found, or null when the thing does not exist. */
  @FunctionalInterface
  private interface Lookup {
    Object find() throws Exception;
  }

  /**
   * @throws IllegalStateException when BigQuery cannot be asked (after its client's retries): the
   *     bundle is retried, nothing is dead-lettered for a lookup that failed
   */
  private Object lookUp(String what, Lookup lookup) {
    if (found == null) {
      found = new HashMap<>();
      missingSince = new LinkedHashMap<>();
    }
    Object known = found.get(what);
    if (known != null) {
      return known;
    }
    long now = clock.getAsLong();
    Long missing = missingSince.get(what);
    if (missing != null && now - missing < RECHECK_MISSING_MILLIS) {
      return null;
    }
    Object answer;
    try {
      answer = lookup.find();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking up " + what, e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not look up " + what + " (" + e.getMessage() + "); the bundle is retried", e);
    }
    // Re-inserted on each lookup, so the map's order is that of the last lookups.
    missingSince.remove(what);
    if (answer != null) {
      found.put(what, answer);
      return answer;
    }
    if (missingSince.size() >= MAX_MISSING) {
      missingSince.remove(missingSince.keySet().iterator().next());
    }
    missingSince.put(what, now);
    return null;
  }

  private boolean datasetFound(String project, String dataset) throws Exception {
    try {
      return service().getDataset(project, dataset) != null;
    } catch (IOException e) {
      if (notFound(e)) {
        return false;
      }
      throw e;
    }
  }

  /** Whether BigQuery (or the in-process fake, which wraps it) answered 404. */
  private static boolean notFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException http && http.getStatusCode() == NOT_FOUND) {
        return true;
      }
    }
    return false;
  }

  private DatasetService service() {
    return datasets.get();
  }
}
