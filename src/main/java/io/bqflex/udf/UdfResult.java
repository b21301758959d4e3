package io.bqflex.udf;

import io.bqflex.core.RecordException;

/**
 * What the UDF made of one record: its JSON result, nothing (the record is filtered out), or the
 * record's failure.
 */
public record UdfResult(String json, RecordException failure) {

  static UdfResult of(String json) {
    return new UdfResult(json, null);
  }

  static UdfResult failed(RecordException failure) {
    return new UdfResult(null, failure);
  }

  /** Whether the UDF returned null, undefined or an empty string for the record. */
  public boolean filtered() {
    return json == null && failure == null;
  }
}
