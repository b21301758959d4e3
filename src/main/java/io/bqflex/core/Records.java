package io.bqflex.core;

import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The tuple each step of a template hands the next: the records (or, after conversion, the rows)
 * and every failure so far. Failures travel with the records, so a template's pipeline reads as the
 * diagram does, read → UDF → convert → write, and the writer sends what failed anywhere to the
 * dead-letter table.
 */
public final class Records {
  /** Records as read, or as the UDF left them. */
  public static final TupleTag<SourceRecord> RECORDS = new TupleTag<SourceRecord>() {};

  /** Rows converted against the BigQuery schema, each with the record it came from. */
  public static final TupleTag<OutputRow> ROWS = new TupleTag<OutputRow>() {};

  /** Every record that failed on the way, for the dead-letter table. */
  public static final TupleTag<FailedRecord> FAILURES = new TupleTag<FailedRecord>() {};

  private Records() {}

  /** The failures that came in with {@code input}, then those of the step that got it. */
  public static PCollection<FailedRecord> failuresSoFar(
      PCollectionTuple input, PCollection<FailedRecord> stepFailures) {
    return PCollectionList.of(input.get(FAILURES))
        .and(stepFailures)
        .apply("CollectFailures", Flatten.pCollections());
  }
}
