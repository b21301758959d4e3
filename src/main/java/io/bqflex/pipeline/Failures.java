package io.bqflex.pipeline;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;

/** Failures no rule foresaw. */
final class Failures {
  private Failures() {}

  /** A bug or an unforeseen input must cost one record, not the job: keep the stack for us. */
  static FailedRecord unexpected(SourceRecord record, RuntimeException e) {
    return FailedRecord.of(record, Stage.CONVERT, "unexpected error: " + e, e);
  }
}
