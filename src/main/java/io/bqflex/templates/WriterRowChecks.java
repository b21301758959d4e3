package io.bqflex.templates;

import io.bqflex.core.RowCheck;
import io.bqflex.core.RowEnricher;
import io.bqflex.write.LoadJobRowLimit;
import io.bqflex.write.OutputTable;
import io.bqflex.write.PartitionCheck;
import io.bqflex.write.RoutedRowCheck;
import io.bqflex.write.WriteSettings;

/**
 * Puts the writer's row checks (the output partition, the load job's row size) at the end of a
 * template's conversion, where a refused row still has its record's original payload.
 */
final class WriterRowChecks {
  private WriterRowChecks() {}

  /** The checks of {@code output}'s writer, for a template whose rows need no other step. */
  static RowEnricher of(OutputTable output) {
    return checkedAfter(RowEnricher.NONE, output.settings());
  }

  /**
   * {@code enricher}, then the check of {@code settings}' partition when it has one, then the row
   * size check of its load jobs when it loads files.
   */
  static RowEnricher checkedAfter(RowEnricher enricher, WriteSettings settings) {
    RowEnricher checked = enricher;
    PartitionCheck partition = settings.partitionCheck();
    if (partition != null) {
      checked = checked.andThen((record, row) -> partition.check(row));
    }
    LoadJobRowLimit rowLimit = settings.loadJobRowLimit();
    if (rowLimit != null) {
      checked = checked.andThen(rowLimit::check);
    }
    // Last: it counts the row for its table, which only a row that goes on to it should be.
    // Where tables give their schemas, the conversion itself names and counts each record's.
    return settings.routesRows() && !settings.tablesGiveSchemas()
        ? checked.andThen(new RoutedRowCheck(settings.routing()))
        : checked;
  }

  /**
   * The check of {@code settings}' partition when it has one, then the row size check of its load
   * jobs when it loads files (every row measured): for templates that convert typed records where
   * they read them.
   */
  static RowCheck rowChecksOf(OutputTable output) {
    WriteSettings settings = output.settings();
    RowCheck checked = RowCheck.NONE;
    PartitionCheck partition = settings.partitionCheck();
    if (partition != null) {
      checked = checked.andThen(partition::check);
    }
    LoadJobRowLimit rowLimit = settings.loadJobRowLimit();
    if (rowLimit != null) {
      checked = checked.andThen(rowLimit::check);
    }
    return settings.routesRows()
        ? checked.andThen((RowCheck) new RoutedRowCheck(settings.routing()))
        : checked;
  }
}
