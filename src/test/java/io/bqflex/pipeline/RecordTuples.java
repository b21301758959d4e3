package io.bqflex.pipeline;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.SourceRecordCoder;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.JsonPayloadFormat;
import io.bqflex.rows.JsonRowConverter;
import io.bqflex.rows.PayloadFormat;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;

/** What a step gets from the one before it, made from lists, for testing one step alone. */
final class RecordTuples {
  private RecordTuples() {}

  /** {@code records}, and {@code failures} of earlier steps. */
  static PCollectionTuple of(
      Pipeline pipeline, List<SourceRecord> records, List<FailedRecord> failures) {
    return PCollectionTuple.of(
            Records.RECORDS,
            pipeline.apply("Records", Create.of(records).withCoder(SourceRecordCoder.of())))
        .and(
            Records.FAILURES,
            pipeline.apply("Failures", Create.of(failures).withCoder(FailedRecordCoder.of())));
  }

  /** JSON objects of a STRING column id and an INTEGER column n. */
  static PayloadFormat jsonOfIdAndN() {
    return new JsonPayloadFormat(
        new JsonRowConverter(
            BigQuerySchemas.parse(
                "[{\"name\":\"id\",\"type\":\"STRING\"},{\"name\":\"n\",\"type\":\"INTEGER\"}]",
                "test schema"),
            false));
  }

  /** A record of a JSON lines file. */
  static SourceRecord record(int number, String payload) {
    return SourceRecord.fromFile(payload, "gs://my-bucket/in/a.json", number);
  }
}
