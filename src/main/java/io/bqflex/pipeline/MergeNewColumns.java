package io.bqflex.pipeline;

import io.bqflex.rows.NewColumns;
import org.apache.beam.sdk.transforms.Combine;

/**
 * The new fields of many records merged into one {@link NewColumns}, with how many records gave
 * each type: what one table gains ({@code autoMapTables}).
 */
final class MergeNewColumns extends Combine.CombineFn<NewColumns, NewColumns, NewColumns> {
  @Override
  public NewColumns createAccumulator() {
    return new NewColumns();
  }

  @Override
  public NewColumns addInput(NewColumns merged, NewColumns found) {
    return merged.merge(found);
  }

  @Override
  public NewColumns mergeAccumulators(Iterable<NewColumns> accumulators) {
    NewColumns merged = new NewColumns();
    accumulators.forEach(merged::merge);
    return merged;
  }

  @Override
  public NewColumns extractOutput(NewColumns merged) {
    return merged;
  }
}
