package io.bqflex.write;

import com.google.api.services.bigquery.model.TableReference;
import java.io.Serializable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Whether a routed row's table exists, for writes that may not create tables ({@code
 * createDisposition=CREATE_NEVER}): BigQueryIO would fail the row's whole bundle, again and again,
 * so such a row is a dead letter instead. Asked of the BigQuery services the write uses, once per
 * table per instance: a table found is remembered, a missing one is asked again after {@link
 * #RECHECK_MISSING_MILLIS}, so a table created while the job runs takes its rows from then on.
 *
 * <p>Serialized with the row checks to the workers, where it makes its own dataset service: with
 * the replacement services of a local run or test, or else BigQuery's, with the worker's default
 * credentials (the job's service account on Dataflow).
 */
public final class TableExistence implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How long a table found missing is taken as missing before it is looked up again. */
  static final long RECHECK_MISSING_MILLIS = 60_000;

  /** At most this many missing tables are remembered, the oldest forgotten first. */
  static final int MAX_MISSING = 10_000;

  private final BigQueryServices services;
  private final LongSupplier clock;

  private transient DatasetService datasets;
  private transient Set<String> found;
  private transient Map<String, Long> missingSince;

  private TableExistence(BigQueryServices services, LongSupplier clock) {
    this.services = services;
    this.clock = clock;
  }

  /** Through the BigQuery services {@code options}' writes use. */
  static TableExistence of(PipelineOptions options) {
    return of(options, (LongSupplier & Serializable) System::currentTimeMillis);
  }

  /** As above, with {@code clock} giving the time in milliseconds. */
  static TableExistence of(PipelineOptions options, LongSupplier clock) {
    BigQueryServices services =
        options.as(BigQueryServicesOverride.Options.class).getBigQueryServicesOverride();
    return new TableExistence(services == null ? new BigQueryServicesImpl() : services, clock);
  }

  /**
   * Whether {@code table} ({@code project:dataset.table}) exists now, as far as this instance
   * knows.
   *
   * @throws IllegalStateException when BigQuery cannot be asked (after its client's retries): the
   *     bundle is retried, nothing is dead-lettered for a lookup that failed
   */
  boolean exists(String table) {
    if (found == null) {
      found = new HashSet<>();
      missingSince = new LinkedHashMap<>(16, 0.75f, false);
    }
    if (found.contains(table)) {
      return true;
    }
    long now = clock.getAsLong();
    Long missing = missingSince.get(table);
    if (missing != null && now - missing < RECHECK_MISSING_MILLIS) {
      return false;
    }
    if (lookUp(BigQueryHelpers.parseTableSpec(table))) {
      found.add(table);
      missingSince.remove(table);
      return true;
    }
    missingSince.remove(table);
    if (missingSince.size() >= MAX_MISSING) {
      missingSince.remove(missingSince.keySet().iterator().next());
    }
    missingSince.put(table, now);
    return false;
  }

  private boolean lookUp(TableReference ref) {
    try {
      if (datasets == null) {
        datasets =
            services.getDatasetService(PipelineOptionsFactory.create().as(BigQueryOptions.class));
      }
      return datasets.getTable(ref) != null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking up table " + ref, e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not look up table "
              + BigQueryHelpers.toTableSpec(ref)
              + " ("
              + e.getMessage()
              + "); the bundle is retried",
          e);
    }
  }
}
