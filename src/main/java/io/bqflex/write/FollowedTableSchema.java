package io.bqflex.write;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQuerySchemas;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output table's schema as a running job follows it ({@code tableSchemaRefreshSeconds}): read
 * again from BigQuery once a period has passed, so that a column someone adds while the job runs
 * ({@code ALTER TABLE ... ADD COLUMN}) takes values from then on instead of failing the records
 * that carry it.
 *
 * <p>The schema given out is the one read <em>a period before</em> the latest read: a column is
 * converted into only once it has been in the table for at least a whole period. BigQueryIO's
 * writer learns of a new column from BigQuery's answer to its next append and, until it has, drops
 * the values of that column (its auto schema update needs {@code ignoreUnknownValues}). Waiting a
 * period gives the writer that append: a record carrying the new field is dead-lettered (with its
 * payload, to be replayed) while the column is younger than the period, never written without it.
 *
 * <p>One schema per table and worker JVM, shared by every converting thread: one read per period
 * and worker, by whichever thread finds it due; the others go on with the schema they have. A read
 * that fails keeps the schema and is tried again a period later. Serialized to the workers like
 * {@link DestinationExistence}: through the replacement services of a local run or test, or else
 * BigQuery's with the worker's default credentials.
 */
public final class FollowedTableSchema implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Logger LOG = LoggerFactory.getLogger(FollowedTableSchema.class);

  /** What each worker JVM knows of each followed table, by table spec. */
  private static final Map<String, Watch> WATCHES = new ConcurrentHashMap<>();

  private final WorkerDatasets datasets;
  private final String table;

  /** The schema the job was launched with; null for a table first found while the job runs. */
  private final String launchSchemaJson;

  /** The schema of a table first found while the job runs, as found; else null. */
  private final transient TableSchema found;

  private final long periodMillis;
  private final LongSupplier clock;

  private transient Watch watch;

  private FollowedTableSchema(
      WorkerDatasets datasets,
      String table,
      String launchSchemaJson,
      TableSchema found,
      long periodMillis,
      LongSupplier clock) {
    this.datasets = datasets;
    this.table = table;
    this.launchSchemaJson = launchSchemaJson;
    this.found = found;
    this.periodMillis = periodMillis;
    this.clock = clock;
  }

  /** The output table of {@code settings}, through the BigQuery services its write uses. */
  public static FollowedTableSchema of(PipelineOptions options, WriteSettings settings) {
    return of(
        options,
        settings.table().base(),
        settings.schemaJson(),
        settings.schemaRefreshSeconds() * 1000L,
        (LongSupplier & Serializable) System::currentTimeMillis);
  }

  /** As above, for {@code table}, with {@code clock} giving the time in milliseconds. */
  static FollowedTableSchema of(
      PipelineOptions options,
      String table,
      String launchSchemaJson,
      long periodMillis,
      LongSupplier clock) {
    return new FollowedTableSchema(
        WorkerDatasets.of(options), table, launchSchemaJson, null, periodMillis, clock);
  }

  /**
   * A routed table whose own schema converts its rows, followed from when a worker first found it
   * ({@code found}, read just now): it is read again a period later, and a column seen in that read
   * is converted into a period after it, as for the output table. Made on the worker, by {@link
   * RoutedSchemaFollowing}.
   */
  static FollowedTableSchema fromFound(
      WorkerDatasets datasets,
      String table,
      TableSchema found,
      long periodMillis,
      LongSupplier clock) {
    return new FollowedTableSchema(datasets, table, null, found, periodMillis, clock);
  }

  /**
   * The schema to convert against now: the table's as read at least a period ago, or the schema the
   * job was launched with until there is such a read. The same instance until it changes.
   */
  public TableSchema schema() {
    if (watch == null) {
      watch =
          WATCHES.computeIfAbsent(
              table,
              t ->
                  launchSchemaJson != null
                      ? new Watch(launchSchema(), Snapshot.NEVER)
                      : new Watch(found, clock.getAsLong()));
    }
    Snapshot now = watch.snapshot;
    long time = clock.getAsLong();
    if ((now.readAt == Snapshot.NEVER || time - now.readAt >= periodMillis)
        && watch.refreshing.tryLock()) {
      try {
        if (watch.snapshot == now) {
          watch.snapshot = now.after(read(), time);
          logNewColumns(now.settled, watch.snapshot.settled);
        }
      } finally {
        watch.refreshing.unlock();
      }
    }
    return watch.snapshot.settled;
  }

  /** The table's schema now, or null when it cannot be read (missing, or BigQuery failed). */
  private TableSchema read() {
    try {
      Table found = datasets.get().getTable(BigQueryHelpers.parseTableSpec(table));
      return found == null ? null : found.getSchema();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      LOG.warn(
          "Could not read the schema of {} ({}); converting against the one read before, and"
              + " reading again in {} s",
          table,
          e.getMessage(),
          periodMillis / 1000);
      return null;
    }
  }

  private void logNewColumns(TableSchema before, TableSchema after) {
    if (before == after) {
      return;
    }
    List<String> added = addedColumns(before, after);
    if (!added.isEmpty()) {
      LOG.info("Table {} has new columns, converted into from now on: {}", table, added);
    }
  }

  /** The columns of {@code after} that {@code before} lacks, at any depth. */
  static List<String> addedColumns(TableSchema before, TableSchema after) {
    return SchemaChanges.between(before, after).added();
  }

  private TableSchema launchSchema() {
    return BigQuerySchemas.parse(launchSchemaJson, "output schema");
  }

  /** Forgets every table's schema, as a new worker JVM starts: for tests. */
  static void forgetAll() {
    WATCHES.clear();
  }

  /** One table's schemas in this JVM, and the lock its reader holds. */
  private static final class Watch {
    final ReentrantLock refreshing = new ReentrantLock();
    volatile Snapshot snapshot;

    /**
     * @param first the schema converted against first: the launch schema, or the table's as found
     * @param readAt when {@code first} was read from the table; {@link Snapshot#NEVER} for the
     *     launch schema, which is read at once
     */
    Watch(TableSchema first, long readAt) {
      snapshot = new Snapshot(first, first, readAt);
    }
  }

  /**
   * @param settled the schema converted against
   * @param latest the schema of the latest read, given out once it is a period old
   * @param readAt when {@code latest} was read
   */
  private record Snapshot(TableSchema settled, TableSchema latest, long readAt) {
    static final long NEVER = Long.MIN_VALUE;

    /**
     * After a read at {@code time} (a period or more after the last): the last read settles. A read
     * that failed reads as the latest schema again.
     */
    Snapshot after(TableSchema read, long time) {
      TableSchema next = read == null ? latest : read;
      TableSchema settledNow = readAt == NEVER || latest.equals(settled) ? settled : latest;
      return new Snapshot(settledNow, next, time);
    }
  }
}
