package io.bqflex.rows;

import io.bqflex.core.RecordException;

/** One Avro value (never null) to its column's canonical value, compiled once per schema. */
@FunctionalInterface
interface AvroValueConversion {
  /**
   * @param prefix and {@code element}: where the value sits, as {@link FieldPlan#displayPath} takes
   *     them for error messages
   * @return the canonical value; null to leave the column out
   */
  Object convert(Object value, String prefix, int element) throws RecordException;
}
