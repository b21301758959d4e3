package io.bqflex.write;

import com.google.api.services.bigquery.model.TableSchema;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * {@code tableSchemaRefreshSeconds} for routed tables whose own schemas convert their rows: each
 * table's schema followed as the output table's is ({@link FollowedTableSchema}), from when a
 * worker first found it. A column added to one table while the job runs takes values in that table
 * once it has been there a whole period.
 */
final class RoutedSchemaFollowing implements Serializable {
  private static final long serialVersionUID = 1L;

  private final WorkerDatasets datasets;
  private final long periodMillis;
  private final LongSupplier clock;

  private transient Map<String, FollowedTableSchema> followed;

  RoutedSchemaFollowing(PipelineOptions options, long periodMillis, LongSupplier clock) {
    this.datasets = WorkerDatasets.of(options);
    this.periodMillis = periodMillis;
    this.clock = clock;
  }

  /**
   * The schema to convert {@code table}'s rows against now.
   *
   * @param found the table's schema as this worker thread first found it
   */
  TableSchema schemaOf(String table, TableSchema found) {
    if (followed == null) {
      followed = new HashMap<>();
    }
    return followed
        .computeIfAbsent(
            table, t -> FollowedTableSchema.fromFound(datasets, t, found, periodMillis, clock))
        .schema();
  }
}
