package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files read in tiny ranges through the pipeline give the records and READ dead letters a
 * whole-file read gives: same payload, source and record number, each record once.
 */
class SplitReadPipelineTest {
  private static final long SEED = Long.getLong("seed", 20261203L);
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] INVALID_UTF8 = {(byte) 0xFF, (byte) 0xC3};

  @TempDir Path dir;

  @Test
  void jsonLinesReadInTinyRangesAreTheRecordsAndDeadLettersOfAWholeRead() throws IOException {
    write("bom-crlf.json", BOM, "{\"a\":1}\r\n\r\n{\"b\":\"Zoë\"}\r\n\n{\"c\":4}");
    write("invalid.json", "{\"ok\":1}\n{\"bad\":\"", INVALID_UTF8, "\"}\n\n\n{\"東京\":2}\n");
    write("empty.json");
    write("only-bom.json", BOM);
    write("random.json", randomLines(SEED, 15));

    assertSplitReadsAsWhole(FileFormat.jsonLines(null), "*.json");
  }

  @Test
  void textLinesReadInTinyRangesAreTheRecordsAndDeadLettersOfAWholeRead() throws IOException {
    write("bom-endings.txt", BOM, "one\r\ntwo\rthree\n\r\n\rfour");
    write("invalid.txt", "before\n", INVALID_UTF8, "in a line\r\nafter\r");
    write("empty.txt");
    write("random.txt", randomLines(SEED + 1, 15));

    assertSplitReadsAsWhole(FileFormat.textLines(null), "*.txt");
  }

  @Test
  void compressedFileIsReadWholeAndItsRecordsSpread() throws IOException {
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gzip)) {
      out.write("{\"n\":1}\n\n{\"n\":3}\n".getBytes(StandardCharsets.UTF_8));
    }
    write("events.json.gz", gzip.toByteArray());
    write("plain.json", "{\"n\":1}\n{\"n\":2}\n");
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    PCollectionTuple read =
        pipeline.apply(
            ReadFileRecords.from(dir.resolve("*").toString(), FileFormat.jsonLines(null))
                .withRangeSize(7));

    PAssert.that(read.get(Records.RECORDS).apply(MapElements.via(new Describe())))
        .containsInAnyOrder(
            describe("events.json.gz", 1, "{\"n\":1}"),
            describe("events.json.gz", 3, "{\"n\":3}"),
            describe("plain.json", 1, "{\"n\":1}"),
            describe("plain.json", 2, "{\"n\":2}"));
    PAssert.that(read.get(Records.FAILURES)).empty();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, RecordCounters.FILES_SPLIT), "files split");
    assertEquals(1, counter(result, RecordCounters.FILES_SPREAD), "files spread");
  }

  /**
   * Reads the files matching {@code glob} whole (one range each) and in ranges of 1 and 7 bytes in
   * one pipeline, and checks that all three reads give the same records and dead letters.
   */
  private void assertSplitReadsAsWhole(FileFormat format, String glob) {
    String pattern = dir.resolve(glob).toString();
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<PCollection<String>> reads = new ArrayList<>();
    for (long rangeSize : new long[] {ReadFileRecords.DEFAULT_RANGE_SIZE, 7, 1}) {
      PCollectionTuple read =
          pipeline.apply(
              "Read" + rangeSize, ReadFileRecords.from(pattern, format).withRangeSize(rangeSize));
      reads.add(tagged(read, rangeSize));
    }
    PCollection<String> all = PCollectionList.of(reads).apply(Flatten.pCollections());

    PAssert.that(all)
        .satisfies(
            tagged -> {
              List<String> whole = withTag(tagged, ReadFileRecords.DEFAULT_RANGE_SIZE);
              assertFalse(whole.isEmpty());
              assertEquals(whole, withTag(tagged, 7), "seed " + SEED + ", ranges of 7 bytes");
              assertEquals(whole, withTag(tagged, 1), "seed " + SEED + ", ranges of 1 byte");
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertFalse(counter(result, RecordCounters.FILES_SPLIT) == 0, "no file was split");
  }

  /** Records and dead letters of one read, described in full and tagged with its range size. */
  private static PCollection<String> tagged(PCollectionTuple read, long rangeSize) {
    PCollection<String> records =
        read.get(Records.RECORDS)
            .apply("Describe" + rangeSize, MapElements.via(new Describe()))
            .apply("TagRecords" + rangeSize, tag(rangeSize));
    PCollection<String> failures =
        read.get(Records.FAILURES)
            .apply("DescribeFailures" + rangeSize, MapElements.via(new DescribeFailure()))
            .apply("TagFailures" + rangeSize, tag(rangeSize));
    return PCollectionList.of(records)
        .and(failures)
        .apply("Both" + rangeSize, Flatten.pCollections());
  }

  private static MapElements<String, String> tag(long rangeSize) {
    return MapElements.into(TypeDescriptors.strings()).via(s -> rangeSize + "|" + s);
  }

  private static List<String> withTag(Iterable<String> tagged, long rangeSize) {
    List<String> out = new ArrayList<>();
    for (String s : tagged) {
      if (s.startsWith(rangeSize + "|")) {
        out.add(s.substring(s.indexOf('|') + 1));
      }
    }
    out.sort(null);
    return out;
  }

  static final class Describe extends SimpleFunction<SourceRecord, String> {
    @Override
    public String apply(SourceRecord r) {
      return r.source()
          + " #"
          + r.recordNumber()
          + " "
          + r.decodedText()
          + " bytes="
          + base64(r.payloadBytes());
    }
  }

  static final class DescribeFailure extends SimpleFunction<FailedRecord, String> {
    @Override
    public String apply(FailedRecord f) {
      return "FAILED "
          + f.stage()
          + " "
          + f.source()
          + " #"
          + f.recordNumber()
          + " "
          + f.payloadString()
          + " bytes="
          + base64(f.payloadBytes())
          + " error="
          + f.errorMessage();
    }
  }

  private String describe(String file, long number, String text) {
    return new Describe().apply(SourceRecord.fromFile(text, dir.resolve(file).toString(), number));
  }

  private static String base64(byte[] bytes) {
    return bytes == null ? "null" : Base64.getEncoder().encodeToString(bytes);
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(RecordCounters.NAMESPACE, name))
                    .build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  /** Lines of random lengths (blank ones too) with LF, CR LF and lone CR endings. */
  private static String randomLines(long seed, int lines) {
    Random random = new Random(seed);
    String[] endings = {"\n", "\r\n", "\r", "\n\n"};
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append("{\"n\":").append(i).append(",\"s\":\"");
      text.append("xé東 ".repeat(random.nextInt(4)));
      text.append("\"}").append(endings[random.nextInt(endings.length)]);
    }
    return text.toString();
  }

  /** Writes {@code name} from its parts: strings in UTF-8, byte arrays as they are. */
  private void write(String name, Object... parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (Object part : parts) {
      bytes.write(part instanceof byte[] b ? b : ((String) part).getBytes(StandardCharsets.UTF_8));
    }
    Files.write(dir.resolve(name), bytes.toByteArray());
  }
}
