package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadFileRecordsTest {

  @TempDir Path dir;

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private void writeGzip(String name, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** "file:number:payload" with the file's name only, for comparing. */
  private static Set<String> describe(Iterable<SourceRecord> records) {
    return StreamSupport.stream(records.spliterator(), false)
        .map(
            r -> Path.of(r.source()).getFileName() + ":" + r.recordNumber() + ":" + r.decodedText())
        .collect(Collectors.toSet());
  }

  @Test
  void readsPlainAndGzippedCsvFilesAndReportsMalformedRest() throws IOException {
    write("a.csv", "id,city\n1,\"Zoë's\nplace\"\r\n2,東京\n");
    writeGzip("b.csv.gz", "id,city\n3,Oslo\n");
    write("c.csv", "id,city\n4,Rome\n5,\"unterminated\n");
    Pipeline pipeline = Pipeline.create();

    PCollectionTuple read =
        pipeline.apply(
            ReadFileRecords.from(
                dir.resolve("*.csv*").toString(),
                FileFormat.csv(CSVFormat.DEFAULT, true, null, "csvFileEncoding")));

    PAssert.that(read.get(Records.RECORDS))
        .satisfies(
            records -> {
              assertEquals(
                  Set.of(
                      "a.csv:2:1,\"Zoë's\nplace\"",
                      "a.csv:3:2,東京",
                      "b.csv.gz:2:3,Oslo",
                      "c.csv:2:4,Rome"),
                  describe(records));
              return null;
            });
    PAssert.that(read.get(Records.FAILURES))
        .satisfies(
            failures -> {
              List<FailedRecord> all = StreamSupport.stream(failures.spliterator(), false).toList();
              assertEquals(1, all.size(), all::toString);
              FailedRecord failure = all.get(0);
              assertEquals(Stage.READ, failure.stage());
              assertTrue(failure.source().endsWith("c.csv"), failure.source());
              assertEquals(3, failure.recordNumber());
              assertEquals("5,\"unterminated\n", failure.payloadString());
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void readsJsonLines() throws IOException {
    writeGzip("events.json.gz", "{\"a\":1}\r\n\r\n{\"a\":\"Zoë\"}\r\n");
    Pipeline pipeline = Pipeline.create();

    PCollectionTuple read =
        pipeline.apply(
            ReadFileRecords.from(
                dir.resolve("events.json.gz").toString(), FileFormat.jsonLines(null)));

    PAssert.that(read.get(Records.RECORDS))
        .satisfies(
            records -> {
              assertEquals(
                  Set.of("events.json.gz:1:{\"a\":1}", "events.json.gz:3:{\"a\":\"Zoë\"}"),
                  describe(records));
              return null;
            });
    PAssert.that(read.get(Records.FAILURES)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void keepsRecordsBeforeACorruptGzipAndReportsTheLostRest() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 50_000; i++) {
      lines.append("{\"n\":").append(i).append(",\"pad\":\"").append(i * 7919L).append("\"}\n");
    }
    writeGzip("whole.json.gz", lines.toString());
    byte[] gzip = Files.readAllBytes(dir.resolve("whole.json.gz"));
    Files.write(dir.resolve("cut.json.gz"), Arrays.copyOf(gzip, gzip.length / 2));
    Pipeline pipeline = Pipeline.create();

    PCollectionTuple read =
        pipeline.apply(
            ReadFileRecords.from(
                dir.resolve("cut.json.gz").toString(), FileFormat.jsonLines(null)));

    PAssert.that(read.get(Records.RECORDS))
        .satisfies(
            records -> {
              long count = StreamSupport.stream(records.spliterator(), false).count();
              assertTrue(count > 0 && count < 50_000, "records: " + count);
              return null;
            });
    PAssert.that(read.get(Records.FAILURES))
        .satisfies(
            failures -> {
              List<FailedRecord> all = StreamSupport.stream(failures.spliterator(), false).toList();
              assertEquals(1, all.size(), all::toString);
              assertEquals(Stage.READ, all.get(0).stage());
              assertTrue(
                  all.get(0).errorMessage().contains("cut.json.gz"), all.get(0)::errorMessage);
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void failsTheJobNamingAPatternThatMatchesNoFile() {
    String pattern = dir.resolve("missing-*.csv").toString();
    Pipeline pipeline = Pipeline.create();
    pipeline.apply(ReadFileRecords.from(pattern, FileFormat.jsonLines(null)));

    Exception e = assertThrows(Exception.class, () -> pipeline.run().waitUntilFinish());
    assertTrue(messages(e).contains(pattern), messages(e));
  }

  @Test
  void rejectsUnknownEncodingWhenBuilt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FileFormat.jsonLines("latin-2000"));
    assertTrue(e.getMessage().contains("latin-2000"), e.getMessage());
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
