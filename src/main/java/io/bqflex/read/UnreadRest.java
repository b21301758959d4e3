package io.bqflex.read;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.Stage;

/**
 * The dead letter that stands for the unread rest of a file that broke off (a truncated or corrupt
 * archive, block or row group, or a binary file without a readable header). It has no record, so it
 * is counted as a file cut short rather than as a record read, and no original bytes; its
 * payloadString says what was lost, for whoever reads the dead-letter table without the error
 * column.
 */
final class UnreadRest {
  private UnreadRest() {}

  /**
   * @param lastNumber the number of the last record read, 0 when none was
   * @param position where in the file's own units reading stopped (e.g. "in block 3"), or null
   */
  static FailedRecord of(String source, long lastNumber, String position, Exception e) {
    String where =
        (lastNumber == 0 ? "from its start" : "after record " + lastNumber)
            + (position == null ? "" : " (" + position + ")");
    return new FailedRecord(
        System.currentTimeMillis(),
        "The rest of the file was not loaded: " + source + " could not be read " + where + ".",
        null,
        Stage.READ,
        "Could not read "
            + source
            + " "
            + where
            + ": "
            + e
            + ". The rest of the file was not loaded; check that the file is complete (for a"
            + " compressed file, that it decompresses) and load it again.",
        FailedRecord.stackTraceOf(e),
        source,
        lastNumber + 1,
        null,
        null);
  }
}
