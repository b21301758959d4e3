package io.bqflex.templates;

import io.bqflex.pipeline.RowEnricher;
import io.bqflex.write.PartitionCheck;
import io.bqflex.write.WriteSettings;

/** Puts the output partition's row check at the end of a template's conversion. */
final class PartitionRows {
  private PartitionRows() {}

  /** {@code enricher}, then the check of {@code settings}' partition when it has one. */
  static RowEnricher checkedAfter(RowEnricher enricher, WriteSettings settings) {
    PartitionCheck check = settings.partitionCheck();
    return check == null ? enricher : enricher.andThen((record, row) -> check.check(row));
  }
}
