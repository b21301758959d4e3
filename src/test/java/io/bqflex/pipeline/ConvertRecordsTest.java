package io.bqflex.pipeline;

import static io.bqflex.pipeline.RecordTuples.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.OutputRow;
import io.bqflex.core.RecordCounts;
import io.bqflex.core.RecordException;
import io.bqflex.core.Records;
import io.bqflex.core.RowEnricher;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import io.bqflex.rows.PayloadFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

/** The conversion step on its own, in a pipeline: every record leaves as a row or a failure. */
class ConvertRecordsTest {
  private static final PayloadFormat JSON = RecordTuples.jsonOfIdAndN();

  /** The row's columns as text, keyed by name (TableRow keeps columns in its unknown keys). */
  private static Map<String, String> columns(TableRow row) {
    Map<String, String> columns = new TreeMap<>();
    row.getUnknownKeys().forEach((k, v) -> columns.put(k, String.valueOf(v)));
    return columns;
  }

  @Test
  void convertsThePayloadOrWhatTheUdfMadeOfIt() {
    Pipeline pipeline = Pipeline.create();
    List<SourceRecord> records =
        List.of(
            record(1, "{\"id\":\"a\",\"n\":1}"),
            record(2, "{\"id\":\"b\",\"n\":2}").withUdfOutput("{\"id\":\"b\",\"n\":20}"));
    PCollectionTuple out =
        RecordTuples.of(pipeline, records, List.of()).apply(ConvertRecords.with(JSON));

    PAssert.that(out.get(Records.ROWS))
        .satisfies(
            rows -> {
              List<Map<String, String>> seen = new ArrayList<>();
              rows.forEach(output -> seen.add(columns(output.row())));
              // Each row carries its record: the original payload, not what the UDF made of it.
              for (OutputRow output : rows) {
                SourceRecord origin = output.record();
                assertNull(origin.udfOutput(), output::toString);
                assertEquals(
                    output.recordNumber() == 1
                        ? "{\"id\":\"a\",\"n\":1}"
                        : "{\"id\":\"b\",\"n\":2}",
                    origin.decodedText());
              }
              assertEquals(2, seen.size(), seen.toString());
              assertTrue(seen.contains(Map.of("id", "a", "n", "1")), seen.toString());
              assertTrue(seen.contains(Map.of("id", "b", "n", "20")), seen.toString());
              return null;
            });
    PAssert.that(out.get(Records.FAILURES)).empty();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(2, RecordCounts.of(result).written());
  }

  @Test
  void badPayloadBadUdfResultAndRefusedRowAreFailuresAfterTheEarlierOnes() {
    Pipeline pipeline = Pipeline.create();
    FailedRecord earlier =
        FailedRecord.of(
            record(9, "unreadable"), Stage.READ, "cut short", new IllegalStateException());
    List<SourceRecord> records =
        List.of(
            record(1, "{\"id\":\"a\",\"n\":\"not a number\"}"),
            record(2, "{\"id\":\"b\",\"n\":2}").withUdfOutput("plain text"),
            record(3, "{\"id\":\"refused\",\"n\":3}"));
    RowEnricher refuseOne =
        (record, row) -> {
          if (record.recordNumber() == 3) {
            throw new RecordException(Stage.CONVERT, "row refused by a writer check");
          }
        };
    PCollectionTuple out =
        RecordTuples.of(pipeline, records, List.of(earlier))
            .apply(ConvertRecords.with(JSON).enrichedBy(refuseOne));

    PAssert.that(out.get(Records.ROWS)).empty();
    PAssert.that(out.get(Records.FAILURES))
        .satisfies(
            failures -> {
              Map<Long, FailedRecord> byNumber = new TreeMap<>();
              failures.forEach(f -> byNumber.put(f.recordNumber(), f));
              assertEquals(List.of(1L, 2L, 3L, 9L), new ArrayList<>(byNumber.keySet()));
              assertEquals(Stage.CONVERT, byNumber.get(1L).stage());
              // The UDF's result was not an object: the UDF's failure, with the original payload.
              FailedRecord udf = byNumber.get(2L);
              assertEquals(Stage.UDF, udf.stage());
              assertEquals("{\"id\":\"b\",\"n\":2}", udf.payloadString());
              assertTrue(udf.errorMessage().contains("not one JSON object"), udf.errorMessage());
              assertEquals("row refused by a writer check", byNumber.get(3L).errorMessage());
              assertEquals(Stage.READ, byNumber.get(9L).stage());
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(0, RecordCounts.of(result).written());
  }
}
