package io.bqflex.pipeline;

import static io.bqflex.pipeline.RecordTuples.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.RecordCounts;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.udf.UdfSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UDF step on its own, in a pipeline: what leaves it, and what it keeps of what came in. */
class ApplyUdfTest {
  private static final PayloadFormat JSON = RecordTuples.jsonOfIdAndN();

  private static final String UDF =
      "function process(line) {\n"
          + "  var r = JSON.parse(line);\n"
          + "  if (r.id === 'skip') { return null; }\n"
          + "  if (r.id === 'boom') { throw new Error('cannot take ' + r.id); }\n"
          + "  r.n = r.n * 10;\n"
          + "  return JSON.stringify(r);\n"
          + "}\n";

  @TempDir Path dir;

  private Optional<UdfSpec> udf() throws IOException {
    Path file = dir.resolve("udf.js");
    Files.writeString(file, UDF);
    return UdfSpec.from(file.toString(), "process", null);
  }

  private static FailedRecord earlierFailure() {
    return FailedRecord.of(
        record(99, "not read"), Stage.READ, "unreadable", new IllegalStateException());
  }

  @Test
  void withoutUdfRecordsAndEarlierFailuresPassUnchanged() {
    Pipeline pipeline = Pipeline.create();
    List<SourceRecord> records = List.of(record(1, "{\"id\":\"a\",\"n\":1}"));
    FailedRecord earlier = earlierFailure();
    PCollectionTuple out =
        RecordTuples.of(pipeline, records, List.of(earlier))
            .apply(ApplyUdf.of(Optional.empty(), JSON));

    PAssert.that(out.get(Records.RECORDS)).containsInAnyOrder(records);
    PAssert.that(out.get(Records.FAILURES)).containsInAnyOrder(earlier);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void udfResultRidesWithTheOriginalPayload() throws IOException {
    Pipeline pipeline = Pipeline.create();
    String payload = "{\"id\":\"a\",\"n\":1}";
    PCollectionTuple out =
        RecordTuples.of(pipeline, List.of(record(1, payload)), List.of())
            .apply(ApplyUdf.of(udf(), JSON));

    PAssert.that(out.get(Records.RECORDS))
        .satisfies(
            records -> {
              SourceRecord only = records.iterator().next();
              assertEquals(payload, only.decodedText());
              assertEquals("{\"id\":\"a\",\"n\":10}", only.udfOutput());
              return null;
            });
    PAssert.that(out.get(Records.FAILURES)).empty();
    pipeline.run().waitUntilFinish();
  }

  /**
   * Every record ends in one place: on, failed (after the earlier failures) or counted filtered.
   */
  @Test
  void eachRecordLeavesOnceWhateverTheUdfDoesAcrossBatches() throws IOException {
    int count = 600; // more than two batches of JavaScriptUdf.BATCH
    List<SourceRecord> records = new ArrayList<>();
    IntStream.rangeClosed(1, count)
        .forEach(
            i -> {
              String id = i % 100 == 0 ? "skip" : i % 150 == 0 ? "boom" : "r" + i;
              records.add(record(i, "{\"id\":\"" + id + "\",\"n\":" + i + "}"));
            });
    records.add(record(count + 1, "{not json"));
    Pipeline pipeline = Pipeline.create();
    PCollectionTuple out =
        RecordTuples.of(pipeline, records, List.of(earlierFailure()))
            .apply(ApplyUdf.of(udf(), JSON));

    long skipped = IntStream.rangeClosed(1, count).filter(i -> i % 100 == 0).count();
    long thrown = IntStream.rangeClosed(1, count).filter(i -> i % 100 != 0 && i % 150 == 0).count();
    PAssert.that(out.get(Records.RECORDS))
        .satisfies(
            passed -> {
              List<SourceRecord> list = new ArrayList<>();
              passed.forEach(list::add);
              assertEquals(count - skipped - thrown, list.size());
              list.forEach(
                  r -> assertTrue(r.udfOutput().contains("\"n\":" + 10 * r.recordNumber())));
              return null;
            });
    PAssert.that(out.get(Records.FAILURES))
        .satisfies(
            failures -> {
              List<String> seen = new ArrayList<>();
              for (FailedRecord f : failures) {
                seen.add(f.stage() + ":" + f.recordNumber());
              }
              assertEquals(thrown + 2, seen.size(), seen.toString());
              assertTrue(seen.contains("READ:99"), seen.toString());
              // The JSON template shows the UDF the line as it is: the UDF's JSON.parse refuses it.
              assertTrue(seen.contains("UDF:" + (count + 1)), seen.toString());
              assertTrue(seen.contains("UDF:150"), seen.toString());
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(skipped, RecordCounts.of(result).filtered());
  }

  @Test
  void udfFailureKeepsTheOriginalPayloadAndNamesTheFunction() throws IOException {
    Pipeline pipeline = Pipeline.create();
    String payload = "{\"id\":\"boom\",\"n\":1}";
    PCollectionTuple out =
        RecordTuples.of(pipeline, List.of(record(7, payload)), List.of())
            .apply(ApplyUdf.of(udf(), JSON));

    PAssert.that(out.get(Records.RECORDS)).empty();
    PAssert.that(out.get(Records.FAILURES))
        .satisfies(
            failures -> {
              FailedRecord only = failures.iterator().next();
              assertEquals(Stage.UDF, only.stage());
              assertEquals(payload, only.payloadString());
              assertTrue(only.errorMessage().contains("process"), only.errorMessage());
              assertTrue(only.errorMessage().contains("cannot take boom"), only.errorMessage());
              return null;
            });
    pipeline.run().waitUntilFinish();
  }
}
