package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import java.io.Serializable;

/**
 * How one template's payloads become BigQuery rows. Each conversion step holds its own instance
 * (Beam gives every DoFn instance a deserialized copy), so implementations need not be thread-safe.
 */
public interface PayloadFormat extends Serializable {

  /** The payload converted against the schema: the path of every record when no UDF runs. */
  TableRow toRow(String payload) throws RecordException;

  /** The payload as one JSON object text: what a JavaScript UDF receives. */
  String toJson(String payload) throws RecordException;

  /** A UDF's JSON result converted against the schema. */
  TableRow jsonToRow(String json) throws RecordException;

  /**
   * Where a conversion step takes the format for its next record: one fixed format, or one that
   * changes while the job runs. Each step holds its own copy, as of a format.
   */
  interface Source extends Serializable {
    PayloadFormat current();

    /** Always {@code format}. */
    static Source fixed(PayloadFormat format) {
      return () -> format;
    }
  }
}
