package io.bqflex.write;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQuerySchemas;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.SchemaUpdateOption;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code schemaUpdateOptions} for routed rows on the Storage Write API, which adds no columns
 * itself: each table is widened to the schema rows are written with before its first row, once per
 * table and step instance, as {@link TableWidening} widens the one output table before a job starts
 * (etag-guarded, so instances that meet the same table at once agree). A table the options cannot
 * widen (a column's type changed, a relaxation not allowed) takes no rows: each is a dead letter
 * with the reason, as BigQuery would refuse it. A table that does not exist yet is created by the
 * write with the whole schema.
 */
final class RoutedTableWidening implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SchemaPatchesSource patchesSource;
  private final String schemaJson;
  private final Set<SchemaUpdateOption> allowed;

  private transient TableSchemaPatches patches;
  private transient TableSchema wanted;

  /** Each table met: why it cannot take the rows, or null when it can. */
  private transient Map<String, String> problems;

  RoutedTableWidening(
      SchemaPatchesSource patchesSource, String schemaJson, Set<SchemaUpdateOption> allowed) {
    this.patchesSource = patchesSource;
    this.schemaJson = schemaJson;
    this.allowed = allowed;
  }

  /**
   * Why {@code table} ({@code project:dataset.table}) cannot take rows of the schema, or null when
   * it can, having been widened to it if needed.
   *
   * @throws IllegalStateException when BigQuery cannot be asked: the bundle is retried
   */
  String problemOf(String table) {
    if (problems == null) {
      problems = new HashMap<>();
      patches = patchesSource.open(PipelineOptionsFactory.create());
      wanted = BigQuerySchemas.parse(schemaJson, "output schema");
    }
    if (problems.containsKey(table)) {
      return problems.get(table);
    }
    List<String> refused =
        TableWidening.widenTo(patches, table, wanted, allowed, "before its first row");
    String problem =
        refused.isEmpty()
            ? null
            : "table "
                + table
                + " cannot take the schema rows are written with: "
                + String.join("; ", refused);
    problems.put(table, problem);
    return problem;
  }
}
