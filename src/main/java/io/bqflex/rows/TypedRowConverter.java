package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import java.io.Serializable;

/**
 * How a binary format's typed records become BigQuery rows. Each conversion step holds its own
 * instance (Beam gives every DoFn instance a deserialized copy), so implementations need not be
 * thread-safe.
 *
 * @param <R> the format's record type
 */
@FunctionalInterface
public interface TypedRowConverter<R> extends Serializable {
  TableRow toRow(R record) throws RecordException;
}
