package io.bqflex.core;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Reads records of one source again, by their numbers: how a step long after the read gets a
 * record's payload back without every record carrying it there. A row the Storage Write API refuses
 * keeps only its file and record number for this (RefusedRowOrigin): refusals are rare, while the
 * payload carried for every row is made, encoded and shuffled for every row.
 */
public interface RecordRereader extends Serializable {
  /**
   * The records of {@code source} numbered {@code numbers}, as the read gave them; a number the
   * source no longer has is absent from the answer.
   *
   * @throws IOException when the source cannot be read again
   */
  Map<Long, SourceRecord> reread(String source, Set<Long> numbers) throws IOException;
}
