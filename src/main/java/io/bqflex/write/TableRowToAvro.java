package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.gcp.bigquery.AvroWriteRequest;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * BigQueryIO's Avro format function ({@code withAvroFormatFunction}) for our validated rows: one
 * TableRow to a GenericRecord of the request's schema, {@link BigQueryAvroSchemas#forLoadFiles} or
 * {@link BigQueryAvroSchemas#forStorageWrite}. Values keep their meaning exactly: decimals at the
 * schema's scale from their text, times from their canonical text, bytes decoded from base64, a
 * JSON column's tree as its JSON text (so rows need no {@link JsonColumnsAsText} first: it would
 * make the text a JSON string).
 *
 * <p>Each schema is compiled once into an {@link AvroRecordPlan}. The Storage Write API path hands
 * every record of a destination the same Schema object, so the last plan is found by identity;
 * FILE_LOADS builds a new but equal Schema for each file it writes, so a miss looks the plan up by
 * equality before compiling.
 */
public final class TableRowToAvro
    implements SerializableFunction<AvroWriteRequest<TableRow>, GenericRecord> {
  private static final long serialVersionUID = 1L;

  private transient volatile LastPlan last;
  private transient volatile Map<Schema, AvroRecordPlan> plans;

  @Override
  public GenericRecord apply(AvroWriteRequest<TableRow> request) {
    return toRecord(request.getSchema(), request.getElement());
  }

  /** {@code row} as a record of {@code schema}. */
  GenericRecord toRecord(Schema schema, TableRow row) {
    return planFor(schema).toRecord(row);
  }

  private AvroRecordPlan planFor(Schema schema) {
    LastPlan cached = last;
    if (cached == null || cached.schema != schema) {
      cached = new LastPlan(schema, knownPlans().computeIfAbsent(schema, AvroRecordPlan::compile));
      last = cached;
    }
    return cached.plan;
  }

  /** The Schema object last asked for (not necessarily the one its plan was compiled from). */
  private static final class LastPlan {
    final Schema schema;
    final AvroRecordPlan plan;

    LastPlan(Schema schema, AvroRecordPlan plan) {
      this.schema = schema;
      this.plan = plan;
    }
  }

  private Map<Schema, AvroRecordPlan> knownPlans() {
    Map<Schema, AvroRecordPlan> known = plans;
    if (known == null) {
      synchronized (this) {
        if (plans == null) {
          plans = new ConcurrentHashMap<>();
        }
        known = plans;
      }
    }
    return known;
  }
}
