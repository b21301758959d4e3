package io.bqflex.pipeline;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.rows.SourceRecord;
import java.io.Serializable;

/**
 * Adds columns to a converted row from where its record came from (e.g. Pub/Sub message metadata).
 */
@FunctionalInterface
public interface RowEnricher extends Serializable {
  RowEnricher NONE = (record, row) -> {};

  void enrich(SourceRecord record, TableRow row);
}
