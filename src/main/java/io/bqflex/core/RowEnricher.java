package io.bqflex.core;

import com.google.api.services.bigquery.model.TableRow;
import java.io.Serializable;

/**
 * Adds columns to a converted row from where its record came from (e.g. Pub/Sub message metadata),
 * or refuses the row when it cannot go where it is written (e.g. outside the output partition): the
 * last step of conversion, so a refused record is a dead letter with its original payload.
 */
@FunctionalInterface
public interface RowEnricher extends Serializable {
  RowEnricher NONE = (record, row) -> {};

  void enrich(SourceRecord record, TableRow row) throws RecordException;

  /** This step, then {@code next} on the row it left. */
  default RowEnricher andThen(RowEnricher next) {
    RowEnricher first = this;
    return (record, row) -> {
      first.enrich(record, row);
      next.enrich(record, row);
    };
  }
}
