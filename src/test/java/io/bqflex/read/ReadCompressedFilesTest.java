package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import io.airlift.compress.lzo.LzoCodec;
import io.airlift.compress.lzo.LzopCodec;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.RecordCounts;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xerial.snappy.Snappy;

/**
 * Every compression the templates' help texts name, read by extension as Beam's {@code Compression}
 * detects it: the records are those of the plain file. Each file is written by a library other than
 * the one Beam reads it with where one is at hand.
 */
class ReadCompressedFilesTest {
  private static final String JSON_LINES =
      "{\"id\":1,\"city\":\"Zoë\"}\n\n{\"id\":2,\"city\":\"東京\"}\r\n{\"id\":3}\n";

  @TempDir Path dir;

  private static byte[] compressed(String extension, byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    switch (extension) {
      case ".gz" -> write(new GZIPOutputStream(bytes), plain);
      case ".bz2" -> write(new BZip2CompressorOutputStream(bytes), plain);
      case ".zst", ".zstd" -> write(new ZstdOutputStream(bytes), plain);
      case ".deflate", ".zlib" -> write(new DeflaterOutputStream(bytes), plain);
      case ".zip" -> {
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
          zip.putNextEntry(new ZipEntry("events.json"));
          zip.write(plain);
          zip.closeEntry();
        }
      }
      case ".snappy" -> bytes.write(Snappy.compress(plain));
      case ".lzo" -> write(new LzopCodec().createOutputStream(bytes), plain);
      case ".lzo_deflate" -> write(new LzoCodec().createOutputStream(bytes), plain);
      default -> throw new IllegalArgumentException(extension);
    }
    return bytes.toByteArray();
  }

  private static void write(OutputStream out, byte[] plain) throws IOException {
    try (out) {
      out.write(plain);
    }
  }

  private static List<String> numbersAndTexts(Iterable<SourceRecord> records) {
    return StreamSupport.stream(records.spliterator(), false)
        .map(r -> r.recordNumber() + ":" + r.decodedText())
        .sorted()
        .toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".gz",
        ".bz2",
        ".zip",
        ".zst",
        ".zstd",
        ".deflate",
        ".zlib",
        ".snappy",
        ".lzo",
        ".lzo_deflate"
      })
  void readsACompressedFileAsThePlainOne(String extension) throws IOException {
    byte[] plain = JSON_LINES.getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("events.json" + extension);
    Files.write(file, compressed(extension, plain));
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    PCollectionTuple read =
        pipeline.apply(ReadFileRecords.from(file.toString(), FileFormat.jsonLines(null)));

    PAssert.that(read.get(Records.RECORDS))
        .satisfies(
            records -> {
              assertEquals(
                  List.of(
                      "1:{\"id\":1,\"city\":\"Zoë\"}",
                      "3:{\"id\":2,\"city\":\"東京\"}",
                      "4:{\"id\":3}"),
                  numbersAndTexts(records));
              return null;
            });
    PAssert.that(read.get(Records.FAILURES)).empty();
    pipeline.run().waitUntilFinish();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".bz2",
        ".zip",
        ".zst",
        ".zstd",
        ".deflate",
        ".zlib",
        ".snappy",
        ".lzo",
        ".lzo_deflate"
      })
  void fileNotInTheCompressionItsNameSaysIsOneDeadLetterAndTheOthersAreRead(String extension)
      throws IOException {
    Files.writeString(dir.resolve("renamed.json" + extension), "{\"id\":9}\n{\"id\":10}\n");
    Files.writeString(dir.resolve("plain.json"), "{\"id\":1}\n");
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    PCollectionTuple read =
        pipeline.apply(
            ReadFileRecords.from(dir.resolve("*.json*").toString(), FileFormat.jsonLines(null)));

    PAssert.that(read.get(Records.RECORDS))
        .satisfies(
            records -> {
              assertEquals(List.of("1:{\"id\":1}"), numbersAndTexts(records));
              return null;
            });
    PAssert.that(read.get(Records.FAILURES))
        .satisfies(
            failures -> {
              List<FailedRecord> all = StreamSupport.stream(failures.spliterator(), false).toList();
              assertEquals(1, all.size(), all::toString);
              FailedRecord failure = all.get(0);
              assertEquals(Stage.READ, failure.stage());
              assertTrue(failure.source().endsWith("renamed.json" + extension), failure.source());
              assertTrue(
                  failure.errorMessage().contains(failure.source() + " from its start"),
                  failure::errorMessage);
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    RecordCounts counts = RecordCounts.of(result);
    assertEquals(1, counts.read(), counts::toString);
    assertEquals(1, counts.filesCutShort(), counts::toString);
  }

  @Test
  void namesTheCompressionAFileIsNotIn() throws IOException {
    Files.writeString(dir.resolve("events.json.bz2"), "{\"id\":1}\n");
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    PCollectionTuple read =
        pipeline.apply(
            ReadFileRecords.from(
                dir.resolve("events.json.bz2").toString(), FileFormat.jsonLines(null)));

    PAssert.that(read.get(Records.FAILURES))
        .satisfies(
            failures -> {
              String message = failures.iterator().next().errorMessage();
              assertTrue(
                  message.contains(
                      "its name (events.json.bz2) says it is BZIP2-compressed, but its bytes do"
                          + " not start as BZIP2 data"),
                  message);
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void readsTheEntriesOfAZipOneAfterAnother() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("monday.json"));
      zip.write("{\"id\":1}\n".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("tuesday.json"));
      zip.write("{\"id\":2}\n".getBytes(StandardCharsets.UTF_8));
    }
    Path file = dir.resolve("week.zip");
    Files.write(file, bytes.toByteArray());
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    PCollectionTuple read =
        pipeline.apply(ReadFileRecords.from(file.toString(), FileFormat.jsonLines(null)));

    PAssert.that(read.get(Records.RECORDS))
        .satisfies(
            records -> {
              assertEquals(List.of("1:{\"id\":1}", "2:{\"id\":2}"), numbersAndTexts(records));
              return null;
            });
    PAssert.that(read.get(Records.FAILURES)).empty();
    pipeline.run().waitUntilFinish();
  }

  /** Beam's gzip reader reads a file without gzip's magic bytes as it is, and so do we. */
  @Test
  void readsAPlainFileNamedGzAsPlainText() throws IOException {
    Files.writeString(dir.resolve("events.json.gz"), JSON_LINES);
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    PCollectionTuple read =
        pipeline.apply(
            ReadFileRecords.from(
                dir.resolve("events.json.gz").toString(), FileFormat.jsonLines(null)));

    PAssert.that(read.get(Records.RECORDS))
        .satisfies(
            records -> {
              assertEquals(3, numbersAndTexts(records).size());
              return null;
            });
    PAssert.that(read.get(Records.FAILURES)).empty();
    pipeline.run().waitUntilFinish();
  }
}
