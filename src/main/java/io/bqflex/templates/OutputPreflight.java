package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.catalog.LaunchChecks;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.pipeline.Template.Reach;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.DataSchema;
import io.bqflex.write.BigQueryOutputOptions;
import io.bqflex.write.ExistingTable;
import io.bqflex.write.OutputSchema;
import io.bqflex.write.WriteSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;

/**
 * A template's checks of its BigQuery output before the pipeline is built: the schema, what the
 * parameters ask of it (the template's own columns, partitioning, clustering), and at launch the
 * existing output table. The same checks run again, throwing, when the pipeline is built.
 */
final class OutputPreflight {
  /** What a template checks of the schema itself; throws {@link InvalidParameterException}. */
  @FunctionalInterface
  interface SchemaCheck {
    void check(TableSchema schema);
  }

  private OutputPreflight() {}

  static LaunchChecks.Findings of(
      BigQueryOutputOptions options,
      String tableParameter,
      String table,
      Reach reach,
      SchemaCheck templateCheck) {
    return of(options, tableParameter, table, null, false, reach, templateCheck);
  }

  /**
   * As above, for input files that carry their own schema ({@code fromData}, may be null).
   *
   * @param tablesMayGiveSchemas whether the template's records name their fields, so that routed
   *     rows without {@code JSONPath} take each table's own schema ({@link
   *     OutputTable#resolveAllowingTablesOwnSchemas})
   */
  static LaunchChecks.Findings of(
      BigQueryOutputOptions options,
      String tableParameter,
      String table,
      DataSchema fromData,
      boolean tablesMayGiveSchemas,
      Reach reach,
      SchemaCheck templateCheck) {
    if (tablesMayGiveSchemas && OutputSchema.tablesGiveSchemas(options, fromData)) {
      // No schema to check before the rows come: each table's is looked up for its first row.
      return new LaunchChecks.Findings(
          WriteSettings.problems(options, tableParameter, table, null, true), List.of());
    }
    Set<String> problems = new LinkedHashSet<>();
    List<String> leftToLaunch = new ArrayList<>();
    String unread =
        reach == Reach.OFFLINE
            ? OutputSchema.notReadableHere(options, tableParameter, fromData)
            : null;
    String schemaJson = null;
    if (unread != null) {
      leftToLaunch.add(unread);
    } else {
      try {
        TableSchema schema = OutputSchema.resolve(options, tableParameter, table, fromData);
        schemaJson = BigQuerySchemas.toJson(schema);
        templateCheck.check(schema);
      } catch (InvalidParameterException e) {
        problems.add(e.getMessage());
      }
    }
    problems.addAll(WriteSettings.problems(options, tableParameter, table, schemaJson));
    if (reach == Reach.LAUNCH && problems.isEmpty()) {
      // Refused already: no need to ask BigQuery (and wait for it) as well.
      problems.addAll(ExistingTable.problems(options, tableParameter, table, schemaJson));
    } else if (asksOfExistingTable(options)) {
      leftToLaunch.add(
          tableParameter
              + ": whether table "
              + table
              + " exists and is partitioned as the parameters say is checked at launch");
    }
    return new LaunchChecks.Findings(List.copyOf(problems), leftToLaunch);
  }

  private static boolean asksOfExistingTable(BigQueryOutputOptions options) {
    if (OutputSchema.routesRows(options)) {
      return false;
    }
    String field = options.getTimePartitioningField();
    return options.getCreateDisposition() == CreateDisposition.CREATE_NEVER
        || (field != null && !field.isBlank());
  }
}
