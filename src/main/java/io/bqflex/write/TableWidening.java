package io.bqflex.write;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.NewColumns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.SchemaUpdateOption;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Widens an existing output table: to the schema rows are written with, before a Storage Write API
 * job starts (that API adds no columns and relaxes no modes itself, a load job does through its
 * schema update options, and it refuses rows with columns the table lacks); or by the columns the
 * records bring ({@code autoMapTables}). Read, merged and replaced as one step guarded by the
 * table's etag, read again when someone changed the table in between.
 */
public final class TableWidening {
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
    List<String> problems =
        widenTo(
            patches,
            settings.table().base(),
            BigQuerySchemas.parse(settings.schemaJson(), "output schema"),
            settings.schemaUpdates(),
            "before the job starts");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
  }

  /**
   * Adds the columns and relaxes the modes {@code wanted} asks of {@code table}, as far as {@code
   * allowed} lets it; nothing when the table does not exist (the write creates it with the whole
   * schema).
   *
   * @param when when this happens, for the log
   * @return one line per change the options do not allow, each naming what to change; the table is
   *     then left as it is
   */
  static List<String> widenTo(
      TableSchemaPatches patches,
      String table,
      TableSchema wanted,
      Set<SchemaUpdateOption> allowed,
      String when) {
    List<String> problems = new ArrayList<>();
    replace(
        patches,
        table,
        existing -> {
          SchemaChanges changes = SchemaChanges.between(existing, wanted);
          problems.addAll(SchemaUpdates.problems(changes, allowed, table, "JSONPath"));
          if (!problems.isEmpty() || changes.none()) {
            return null;
          }
          LOG.info(
              "bqflex: widening table {} {}: columns added {}, made NULLABLE {}",
              table,
              when,
              changes.added(),
              changes.relaxed());
          return changes.widened();
        });
    return problems;
  }

  /**
   * Adds {@code columns} to {@code table} ({@code autoMapTables}), or to {@code launch} when the
   * table does not exist yet (the write creates it with the schema returned).
   *
   * @return the schema to write rows with: the table's own with the columns added
   */
  public static NewColumns.Widening addColumns(
      TableSchemaPatches patches, String table, NewColumns columns, TableSchema launch) {
    return addColumnsIfExists(patches, table, columns).orElseGet(() -> columns.addTo(launch));
  }

  /**
   * Adds {@code columns} to {@code table} when it exists (a streaming job, whose writer creates the
   * table with its first rows).
   *
   * @return the table's schema with the columns added; empty when the table does not exist
   */
  public static Optional<NewColumns.Widening> addColumnsIfExists(
      TableSchemaPatches patches, String table, NewColumns columns) {
    AtomicReference<NewColumns.Widening> result = new AtomicReference<>();
    boolean exists =
        replace(
            patches,
            table,
            existing -> {
              NewColumns.Widening widening = columns.addTo(existing);
              result.set(widening);
              return widening.added().isEmpty() ? null : widening.schema();
            });
    return exists ? Optional.of(result.get()) : Optional.empty();
  }

  /**
   * Adds {@code columns} to the output table of {@code settings} (a streaming job's, whose records
   * wait for them), creating the table when it does not exist yet and the job may create it: with
   * the launch schema and the columns, partitioned and clustered as the write would create it.
   *
   * @return the table's schema with the columns added; empty when the table does not exist and is
   *     not to be created ({@code CREATE_NEVER})
   */
  public static Optional<NewColumns.Widening> addColumnsOrCreate(
      TableSchemaPatches patches, WriteSettings settings, NewColumns columns) {
    return addColumnsOrCreate(
        patches,
        settings.table().base(),
        columns,
        settings.createDisposition() != CreateDisposition.CREATE_NEVER,
        BigQuerySchemas.parse(settings.schemaJson(), "output schema"),
        settings::newTable);
  }

  /**
   * Adds {@code columns} to a routed {@code table} whose own schema converts its rows, creating it
   * when it does not exist and {@code mayCreate}: with those columns only, as BigQuery's defaults
   * make a table (each table keeps its own partitioning, so a new one has none).
   *
   * @return the table's schema with the columns added; empty when the table does not exist and is
   *     not to be created
   */
  public static Optional<NewColumns.Widening> addColumnsOrCreate(
      TableSchemaPatches patches, String table, NewColumns columns, boolean mayCreate) {
    return addColumnsOrCreate(
        patches,
        table,
        columns,
        mayCreate,
        new TableSchema().setFields(new ArrayList<>()),
        schema ->
            new Table().setTableReference(BigQueryHelpers.parseTableSpec(table)).setSchema(schema));
  }

  /**
   * @param base the schema a table created here starts from, before the columns
   * @param newTable the table to create with a schema
   */
  private static Optional<NewColumns.Widening> addColumnsOrCreate(
      TableSchemaPatches patches,
      String table,
      NewColumns columns,
      boolean mayCreate,
      TableSchema base,
      Function<TableSchema, Table> newTable) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<NewColumns.Widening> widened = addColumnsIfExists(patches, table, columns);
      if (widened.isPresent() || !mayCreate) {
        return widened;
      }
      NewColumns.Widening created = columns.addTo(base);
      if (create(patches, newTable.apply(created.schema()))) {
        LOG.info(
            "Created table {} with the columns of its first records: {}", table, created.added());
        return Optional.of(created);
      }
      // Someone (the job's own writer) created it in between: widen it, then.
    }
    throw new IllegalStateException(
        "table "
            + table
            + " existed when it was to be created and was gone when read, "
            + ATTEMPTS
            + " times");
  }

  private static boolean create(TableSchemaPatches patches, Table table) {
    try {
      return patches.createTable(table);
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not create table "
              + BigQueryHelpers.toTableSpec(table.getTableReference())
              + ": "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating a table", e);
    }
  }

  /**
   * Reads {@code table}, asks {@code widen} for its new schema (null: leave it) and replaces the
   * schema unless the table changed since it was read; reads again if it did.
   *
   * @return false when the table does not exist
   */
  private static boolean replace(
      TableSchemaPatches patches, String table, Function<TableSchema, TableSchema> widen) {
    TableReference ref = BigQueryHelpers.parseTableSpec(table);
    try {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        Table existing = patches.table(ref);
        if (existing == null) {
          return false;
        }
        // A table made without columns has no schema at all.
        TableSchema widened =
            widen.apply(existing.getSchema() == null ? new TableSchema() : existing.getSchema());
        if (widened == null || patches.replaceSchema(ref, widened, existing.getEtag())) {
          return true;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not widen table " + table + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while widening " + table, e);
    }
    throw new IllegalStateException(
        "table "
            + table
            + " changed "
            + ATTEMPTS
            + " times while it was being widened; launch again once it is left alone");
  }
}
