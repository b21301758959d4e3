package io.bqflex.bench;

/**
 * Hands out a fixed set of records round and round, so a benchmark converts varied input (not one
 * record the branch predictor learns by heart) without reading files while it is timed.
 */
final class RecordCycle {
  private final String[] records;
  private int next;

  RecordCycle(String[] records) {
    if (records.length == 0) {
      throw new IllegalArgumentException("no records to cycle through");
    }
    this.records = records;
  }

  String next() {
    String record = records[next];
    next = next + 1 == records.length ? 0 : next + 1;
    return record;
  }
}
