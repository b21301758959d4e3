package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.OutputRow;
import io.bqflex.core.SourceRecord;
import io.bqflex.read.FileFormat;
import io.bqflex.read.ReadFileRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertErrorCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows the Storage Write API refused that kept only their file and record number: each becomes one
 * dead letter, with its line read again from the file; where the file no longer holds that line
 * (changed since the read, or gone), with no payload and a reason that says why, never another line
 * passed off as the one refused.
 */
class RefusedRowsToDeadLettersTest {
  private static final TableReference TABLE =
      new TableReference().setProjectId("my-project").setDatasetId("shop").setTableId("events");

  @TempDir Path temp;

  @Test
  void eachRefusedLineBecomesOneDeadLetterWithItsPayloadOrTheReasonItHasNone() throws Exception {
    Path same = Files.writeString(temp.resolve("same.json"), "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
    Path changed = Files.writeString(temp.resolve("changed.json"), "{\"a\":1}\n{\"a\":20}\n");
    Path gone = temp.resolve("gone.json");
    List<BigQueryStorageApiInsertError> refused =
        List.of(
            refusal(same, "{\"a\":2}", 2),
            refusal(same, "{\"a\":3}", 3),
            refusal(changed, "{\"a\":2}", 2),
            refusal(gone, "{\"a\":1}", 1));

    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<FailedRecord> deadLetters =
        pipeline
            .apply(Create.of(refused).withCoder(BigQueryStorageApiInsertErrorCoder.of()))
            .apply(
                new RefusedRowsToDeadLetters(
                    "{\"fields\":[{\"name\":\"a\",\"type\":\"INT64\"}]}",
                    true,
                    ReadFileRecords.from(temp + "/*.json", FileFormat.jsonLines("UTF-8"))
                        .rereader()));
    PAssert.that(deadLetters)
        .satisfies(
            letters -> {
              Map<String, String> byPosition = new TreeMap<>();
              int count = 0;
              for (FailedRecord letter : letters) {
                String position =
                    Path.of(letter.source()).getFileName() + ":" + letter.recordNumber();
                byPosition.put(position, letter.payloadString() + " | " + letter.errorMessage());
                count++;
              }
              assertEquals(4, count);
              String refusal = "BigQuery rejected the row: a is out of range";
              String lost = " | " + refusal + "; its payload could not be read again: ";
              String goneLetter = byPosition.remove("gone.json:1");
              assertTrue(
                  goneLetter.startsWith(lost + "the file could not be read again: ")
                      && goneLetter.contains("gone.json"),
                  goneLetter);
              assertEquals(
                  Map.of(
                      "same.json:2", "{\"a\":2} | " + refusal,
                      "same.json:3", "{\"a\":3} | " + refusal,
                      "changed.json:2", lost + "the file's record 2 changed since it was read"),
                  byPosition);
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  /** What BigQueryIO hands back for a refused row that kept its position (file, number). */
  private static BigQueryStorageApiInsertError refusal(Path file, String line, long number) {
    TableRow kept =
        RefusedRowOrigin.Keep.filePositions()
            .apply(
                OutputRow.of(new TableRow(), SourceRecord.fromFile(line, file.toString(), number)));
    return new BigQueryStorageApiInsertError(kept, "a is out of range", TABLE);
  }
}
