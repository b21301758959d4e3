package io.bqflex.core;

import com.google.api.services.bigquery.model.TableRow;
import java.io.Serializable;

/**
 * A check of a converted row that needs nothing but the row (the output partition, the load job's
 * row size): a row it refuses becomes a dead letter with its record's original payload.
 */
@FunctionalInterface
public interface RowCheck extends Serializable {
  RowCheck NONE = row -> {};

  void check(TableRow row) throws RecordException;

  /** This check, then {@code next}. */
  default RowCheck andThen(RowCheck next) {
    RowCheck first = this;
    return row -> {
      first.check(row);
      next.check(row);
    };
  }
}
