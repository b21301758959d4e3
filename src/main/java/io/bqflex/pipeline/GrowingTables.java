package io.bqflex.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.SourceRecord;
import io.bqflex.rows.NewColumns;
import io.bqflex.write.DecoratedTable;
import io.bqflex.write.FollowedTableSchema;
import io.bqflex.write.NameTemplate;
import io.bqflex.write.RowRouting;
import io.bqflex.write.TableSchemaPatches;
import io.bqflex.write.TableWidening;
import io.bqflex.write.WriteSettings;
import java.io.Serializable;
import java.util.Optional;

/**
 * The tables that gain columns for the fields records bring ({@code autoMapTables}): which table a
 * record goes to, the schema its conversion uses now, and how the table gains columns. For a
 * streaming job's held records ({@link HoldForNewColumns}) and a batch job's routed tables ({@link
 * MapNewColumnsPerTable}).
 */
interface GrowingTables extends Serializable {
  /**
   * The table (without decorator) of {@code record}, whose JSON object is {@code json}; null when
   * none can be named (its conversion dead-letters it).
   */
  String tableOf(SourceRecord record, JsonNode json);

  /** The schema {@code table}'s rows are converted against now; null while it does not exist. */
  TableSchema settled(String table);

  /**
   * Adds {@code missing} to {@code table}, or creates it with them where the job may.
   *
   * @return the table's schema with the columns added; empty when it does not exist and is not to
   *     be created
   */
  Optional<NewColumns.Widening> widen(TableSchemaPatches patches, String table, NewColumns missing);

  /** The one output table, its schema followed from the launch schema. */
  static GrowingTables one(FollowedTableSchema followed, WriteSettings settings) {
    return new One(followed, settings);
  }

  /**
   * Routed tables that give their own schemas, each followed from when it was found ({@code
   * tableSchemaRefreshSeconds}).
   *
   * @param mayCreate whether a table that does not exist is created with its records' columns
   */
  static GrowingTables routed(RowRouting routing, boolean mayCreate) {
    return new Routed(routing, mayCreate);
  }

  /** See {@link #one}. */
  record One(FollowedTableSchema followed, WriteSettings settings) implements GrowingTables {
    @Override
    public String tableOf(SourceRecord record, JsonNode json) {
      return settings.table().base();
    }

    @Override
    public TableSchema settled(String table) {
      return followed.schema();
    }

    @Override
    public Optional<NewColumns.Widening> widen(
        TableSchemaPatches patches, String table, NewColumns missing) {
      return TableWidening.addColumnsOrCreate(patches, settings, missing);
    }
  }

  /** See {@link #routed}. */
  record Routed(RowRouting routing, boolean mayCreate) implements GrowingTables {
    @Override
    public String tableOf(SourceRecord record, JsonNode json) {
      try {
        return DecoratedTable.baseOf(routing.tableOf(json, record.attributes()));
      } catch (NameTemplate.NoName e) {
        return null;
      }
    }

    @Override
    public TableSchema settled(String table) {
      return routing.schemaOf(table);
    }

    @Override
    public Optional<NewColumns.Widening> widen(
        TableSchemaPatches patches, String table, NewColumns missing) {
      Optional<NewColumns.Widening> widened =
          TableWidening.addColumnsOrCreate(patches, table, missing, mayCreate);
      if (widened.isPresent()) {
        // A table created just now was found missing when its records were sorted: its held
        // records go on once it is looked up again.
        routing.tableChanged(table);
      }
      return widened;
    }
  }
}
