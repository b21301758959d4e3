package io.bqflex.local;

import org.apache.beam.runners.direct.DirectOptions;

/**
 * Which of the DirectRunner's own checks a local run keeps.
 *
 * <p>The DirectRunner checks every element it hands on: it encodes each one with its coder, decodes
 * it back (encodability), and keeps the encoded bytes of every output until its bundle is done, to
 * compare them with a second encoding (immutability). Each is a full copy of the element, so a
 * record of 20 MB cost several copies of 20 MB at every step, and one 20 MB JSON line needed about
 * a gigabyte of heap. The checks catch bugs in our code (a DoFn that changes its input or output,
 * an element its coder cannot round-trip), not in the user's data: the template tests keep both on
 * ({@link LocalRun#checkingEveryElement}), where such a bug fails a test. A local run is for
 * running data, so it turns them off and a record costs memory in proportion to its size.
 */
final class LocalRunnerChecks {
  private LocalRunnerChecks() {}

  static void skipElementCopies(DirectOptions options) {
    options.setEnforceImmutability(false);
    options.setEnforceEncodability(false);
  }
}
