package io.bqflex.write;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQuerySchemas;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Widens the existing output table to the schema rows are written with, before a Storage Write API
 * job starts: that API adds no columns and relaxes no modes itself (a load job does, through its
 * schema update options), and refuses rows with columns the table lacks. Read, merged and replaced
 * as one step guarded by the table's etag, read again when someone changed the table in between.
 */
final class TableWidening {
  private static final Logger LOG = LoggerFactory.getLogger(TableWidening.class);

  /** How often a table changed by someone else in between is read again before giving up. */
  static final int ATTEMPTS = 3;

  private TableWidening() {}

  /**
   * Adds the columns and relaxes the modes {@code settings}' schema asks of its existing table, as
   * far as its schema update options allow; nothing when the table does not exist (the write
   * creates it with the whole schema).
   *
   * @throws IllegalArgumentException when the table asks changes the options do not allow (it
   *     changed since the launch checks)
   */
  static void apply(PipelineOptions options, WriteSettings settings) {
    apply(BigQueryServicesOverride.schemaPatches(options), settings);
  }

  /** As above, through {@code patches}. */
  static void apply(TableSchemaPatches patches, WriteSettings settings) {
    TableReference ref = BigQueryHelpers.parseTableSpec(settings.table().base());
    TableSchema wanted = BigQuerySchemas.parse(settings.schemaJson(), "output schema");
    try {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        Table existing = patches.table(ref);
        if (existing == null) {
          return;
        }
        SchemaChanges changes = SchemaChanges.between(existing.getSchema(), wanted);
        List<String> problems =
            SchemaUpdates.problems(
                changes, settings.schemaUpdates(), settings.table().base(), "JSONPath");
        if (!problems.isEmpty()) {
          throw new IllegalArgumentException(String.join("\n", problems));
        }
        if (changes.none()) {
          return;
        }
        if (patches.replaceSchema(ref, changes.widened(), existing.getEtag())) {
          LOG.info(
              "bqflex: table {} widened before the job starts: columns added {}, made NULLABLE {}",
              settings.table().base(),
              changes.added(),
              changes.relaxed());
          return;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not widen table " + settings.table().base() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while widening " + settings.table().base(), e);
    }
    throw new IllegalStateException(
        "table "
            + settings.table().base()
            + " changed "
            + ATTEMPTS
            + " times while it was being widened; launch again once it is left alone");
  }
}
