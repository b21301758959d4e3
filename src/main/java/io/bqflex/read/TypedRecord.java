package io.bqflex.read;

import java.util.Objects;

/**
 * One record of a binary file (Avro, Parquet) as its reader found it: its typed value, its 1-based
 * position in the file, and why it cannot be loaded, if so (for example a writer schema that does
 * not resolve against the table's). An unreadable record still carries its value, so its dead
 * letter can hold the record.
 *
 * @param <R> the format's record type
 */
public record TypedRecord<R>(R value, long number, String failure) {

  public TypedRecord {
    Objects.requireNonNull(value, "value");
  }

  public static <R> TypedRecord<R> readable(R value, long number) {
    return new TypedRecord<>(value, number, null);
  }

  public static <R> TypedRecord<R> unreadable(R value, long number, String failure) {
    return new TypedRecord<>(value, number, Objects.requireNonNull(failure, "failure"));
  }

  public boolean isReadable() {
    return failure == null;
  }
}
