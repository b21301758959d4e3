package io.bqflex.read;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;

/**
 * Hands elements on to other workers: a shuffle on random keys, which also ends the fusion of the
 * steps before it with those after (so that what one worker made, many go on with).
 *
 * <p>On the DirectRunner every distinct key comes out of the shuffle as a bundle of its own, and a
 * bundle has a fixed cost: random keys over the whole int range made a bundle per element (per
 * file, when 2,000 small files were read). There the keys are capped at a few per thread, which
 * still keeps every thread busy.
 */
final class Spread<T> extends PTransform<PCollection<T>, PCollection<T>> {
  /** Keys per DirectRunner thread: enough that one slow bundle does not leave threads idle. */
  static final int DIRECT_KEYS_PER_THREAD = 4;

  private Spread() {}

  static <T> Spread<T> toWorkers() {
    return new Spread<>();
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input.apply(Reshuffle.<T>viaRandomKey().withNumBuckets(keys(input)));
  }

  /** The number of random keys, or null for as many as an int has. */
  private static Integer keys(PCollection<?> input) {
    PipelineOptions options = input.getPipeline().getOptions();
    if (!DirectRunner.class.isAssignableFrom(options.getRunner())) {
      return null;
    }
    return DIRECT_KEYS_PER_THREAD * options.as(DirectOptions.class).getTargetParallelism();
  }
}
