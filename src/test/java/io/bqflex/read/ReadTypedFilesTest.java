package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.OutputRow;
import io.bqflex.core.RecordCounts;
import io.bqflex.core.RecordException;
import io.bqflex.core.Records;
import io.bqflex.core.Stage;
import io.bqflex.rows.TypedRowConverter;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary formats' read-and-convert step, on a tiny format made for the test: a 4-byte magic
 * header, then records each written as a 4-byte length and UTF-8 text. Every record read leaves as
 * a row or a dead letter, a broken file leaves one dead letter for its rest, and the counters say
 * so.
 */
class ReadTypedFilesTest {
  private static final byte[] MAGIC = "TNY1".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  /**
   * Text "n=VALUE" is a row with the one column n; "convert..." is refused by the converter at
   * CONVERT, "boom..." makes it throw as a bug would, "parse..." is refused at PARSE.
   */
  private static final TypedRowConverter<String> CONVERTER =
      text -> {
        if (text.startsWith("convert")) {
          throw new RecordException(Stage.CONVERT, "column n: not a number in " + text);
        }
        if (text.startsWith("parse")) {
          throw new RecordException(Stage.PARSE, "not a record: " + text);
        }
        if (text.startsWith("boom")) {
          throw new IllegalStateException("converter bug on " + text);
        }
        return new TableRow().set("n", text.substring(text.indexOf('=') + 1));
      };

  private void writeTiny(String name, String... records) throws IOException {
    Files.write(dir.resolve(name), tiny(records));
  }

  private static byte[] tiny(String... records) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    for (String record : records) {
      byte[] text = record.getBytes(StandardCharsets.UTF_8);
      out.writeInt(text.length);
      out.write(text);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private TestPipeline pipeline() {
    return TestPipeline.create().enableAbandonedNodeEnforcement(false);
  }

  private PCollectionTuple read(TestPipeline pipeline, String pattern) {
    return pipeline.apply(
        ReadTypedFiles.from(dir.resolve(pattern).toString(), new TinyFormat(), CONVERTER));
  }

  private static Set<String> columnsN(Iterable<OutputRow> rows) {
    return StreamSupport.stream(rows.spliterator(), false)
        .map(
            output -> {
              // A typed file's row knows where it came from, not its payload.
              assertTrue(output.source().contains(".tny"), output::toString);
              assertTrue(output.recordNumber() > 0, output::toString);
              assertNull(output.record(), output::toString);
              return String.valueOf(output.row().get("n"));
            })
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<FailedRecord> list(Iterable<FailedRecord> failures) {
    return StreamSupport.stream(failures.spliterator(), false).toList();
  }

  private static FailedRecord only(Iterable<FailedRecord> failures) {
    List<FailedRecord> all = list(failures);
    assertEquals(1, all.size(), all::toString);
    return all.get(0);
  }

  private static void assertBalanced(PipelineResult result, long rows, long failures, long cut) {
    RecordCounts counts = RecordCounts.of(result);
    assertEquals(rows, counts.written(), counts::toString);
    assertEquals(cut, counts.filesCutShort(), counts::toString);
    // Every record read left as a row or a dead letter; a file's unread rest is no record.
    assertEquals(rows + failures - cut, counts.read(), counts::toString);
  }

  @Test
  void convertsEveryReadableRecordOfEveryFileToARow() throws IOException {
    writeTiny("a.tny", "n=1", "n=2");
    writeTiny("b.tny", "n=3");
    TestPipeline pipeline = pipeline();

    PCollectionTuple out = read(pipeline, "*.tny");

    PAssert.that(out.get(Records.ROWS))
        .satisfies(
            rows -> {
              assertEquals(Set.of("1", "2", "3"), columnsN(rows));
              return null;
            });
    PAssert.that(out.get(Records.FAILURES)).empty();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertBalanced(result, 3, 0, 0);
  }

  @Test
  void unreadableRecordIsAReadDeadLetterWithTheReadersBytesAndText() throws IOException {
    writeTiny("a.tny", "n=1", "bad record", "n=3");
    TestPipeline pipeline = pipeline();

    PCollectionTuple out = read(pipeline, "a.tny");

    PAssert.that(out.get(Records.ROWS))
        .satisfies(
            rows -> {
              assertEquals(Set.of("1", "3"), columnsN(rows));
              return null;
            });
    PAssert.that(out.get(Records.FAILURES))
        .satisfies(
            failures -> {
              FailedRecord failure = only(failures);
              assertEquals(Stage.READ, failure.stage());
              assertEquals("does not resolve: bad record", failure.errorMessage());
              assertTrue(failure.source().endsWith("a.tny"), failure.source());
              assertEquals(2, failure.recordNumber());
              assertArrayEquals(TinyReader.originalOf("bad record"), failure.payloadBytes());
              assertEquals(TinyReader.textOf("bad record"), failure.payloadString());
              assertNull(failure.stacktrace());
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertBalanced(result, 2, 1, 0);
  }

  @Test
  void converterRefusalKeepsItsStageAndMessage() throws IOException {
    writeTiny("a.tny", "convert=x", "parse me", "n=3");
    TestPipeline pipeline = pipeline();

    PCollectionTuple out = read(pipeline, "a.tny");

    PAssert.that(out.get(Records.ROWS))
        .satisfies(
            rows -> {
              assertEquals(Set.of("3"), columnsN(rows));
              return null;
            });
    PAssert.that(out.get(Records.FAILURES))
        .satisfies(
            failures -> {
              Set<String> seen =
                  list(failures).stream()
                      .map(f -> f.recordNumber() + " " + f.stage() + " " + f.errorMessage())
                      .collect(Collectors.toSet());
              assertEquals(
                  Set.of(
                      "1 CONVERT column n: not a number in convert=x",
                      "2 PARSE not a record: parse me"),
                  seen);
              for (FailedRecord f : failures) {
                assertNull(f.stacktrace(), "a refusal is no bug: " + f);
              }
              assertEquals(
                  Set.of(TinyReader.textOf("convert=x"), TinyReader.textOf("parse me")),
                  list(failures).stream()
                      .map(FailedRecord::payloadString)
                      .collect(Collectors.toSet()));
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertBalanced(result, 1, 2, 0);
  }

  @Test
  void converterBugCostsOneRecordAsAnUnexpectedConvertErrorWithItsStack() throws IOException {
    writeTiny("a.tny", "boom=1", "n=2");
    TestPipeline pipeline = pipeline();

    PCollectionTuple out = read(pipeline, "a.tny");

    PAssert.that(out.get(Records.ROWS))
        .satisfies(
            rows -> {
              assertEquals(Set.of("2"), columnsN(rows));
              return null;
            });
    PAssert.that(out.get(Records.FAILURES))
        .satisfies(
            failures -> {
              FailedRecord failure = only(failures);
              assertEquals(Stage.CONVERT, failure.stage());
              assertTrue(
                  failure.errorMessage().startsWith("unexpected error: "), failure.errorMessage());
              assertTrue(
                  failure.errorMessage().contains("converter bug on boom=1"),
                  failure.errorMessage());
              assertNotNull(failure.stacktrace());
              assertTrue(
                  failure.stacktrace().contains("IllegalStateException"), failure.stacktrace());
              assertEquals(1, failure.recordNumber());
              assertArrayEquals(TinyReader.originalOf("boom=1"), failure.payloadBytes());
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertBalanced(result, 1, 1, 0);
  }

  @Test
  void rowCheckRefusalKeepsItsStageAndTheRecordsPayload() throws IOException {
    writeTiny("a.tny", "n=1", "n=too-big");
    TestPipeline pipeline = pipeline();

    PCollectionTuple out =
        pipeline.apply(
            ReadTypedFiles.from(dir.resolve("a.tny").toString(), new TinyFormat(), CONVERTER)
                .checkedBy(
                    row -> {
                      if ("too-big".equals(row.get("n"))) {
                        throw new RecordException(Stage.WRITE, "row over the load job's limit");
                      }
                    }));

    PAssert.that(out.get(Records.ROWS))
        .satisfies(
            rows -> {
              assertEquals(Set.of("1"), columnsN(rows));
              return null;
            });
    PAssert.that(out.get(Records.FAILURES))
        .satisfies(
            failures -> {
              FailedRecord failure = only(failures);
              assertEquals(Stage.WRITE, failure.stage());
              assertEquals("row over the load job's limit", failure.errorMessage());
              assertEquals(2, failure.recordNumber());
              assertEquals(TinyReader.textOf("n=too-big"), failure.payloadString());
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertBalanced(result, 1, 1, 0);
  }

  @Test
  void fileCutShortKeepsItsRecordsAndLeavesOneDeadLetterSayingWhereItStopped() throws IOException {
    byte[] whole = tiny("n=1", "n=2", "n=3");
    // The third record's length says 3 bytes; only 1 is left.
    Files.write(dir.resolve("cut.tny"), Arrays.copyOf(whole, whole.length - 2));
    writeTiny("whole.tny", "n=4");
    TestPipeline pipeline = pipeline();

    PCollectionTuple out = read(pipeline, "*.tny");

    PAssert.that(out.get(Records.ROWS))
        .satisfies(
            rows -> {
              assertEquals(Set.of("1", "2", "4"), columnsN(rows));
              return null;
            });
    PAssert.that(out.get(Records.FAILURES))
        .satisfies(
            failures -> {
              FailedRecord failure = only(failures);
              assertEquals(Stage.READ, failure.stage());
              assertTrue(failure.source().endsWith("cut.tny"), failure.source());
              String message = failure.errorMessage();
              assertTrue(message.contains(failure.source()), message);
              assertTrue(message.contains("after record 2"), message);
              // The reader's position() when it threw: past two 7-byte records and a length.
              assertTrue(message.contains("(at byte 22)"), message);
              assertTrue(message.contains("record 3 is cut short"), message);
              assertEquals(3, failure.recordNumber());
              assertNull(failure.payloadBytes());
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertBalanced(result, 3, 1, 1);
  }

  @Test
  void fileWithABadHeaderIsOneDeadLetterAndTheOtherFilesAreRead() throws IOException {
    Files.write(dir.resolve("a.tny"), "PK\u0003\u0004 a zip, not ours".getBytes());
    writeTiny("b.tny", "n=1", "n=2");
    TestPipeline pipeline = pipeline();

    PCollectionTuple out = read(pipeline, "*.tny");

    PAssert.that(out.get(Records.ROWS))
        .satisfies(
            rows -> {
              assertEquals(Set.of("1", "2"), columnsN(rows));
              return null;
            });
    PAssert.that(out.get(Records.FAILURES))
        .satisfies(
            failures -> {
              FailedRecord failure = only(failures);
              assertEquals(Stage.READ, failure.stage());
              assertTrue(failure.source().endsWith("a.tny"), failure.source());
              assertTrue(failure.errorMessage().contains(failure.source()), failure::errorMessage);
              assertTrue(failure.errorMessage().contains("from its start"), failure::errorMessage);
              assertTrue(failure.errorMessage().contains("no magic"), failure::errorMessage);
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertBalanced(result, 2, 1, 1);
  }

  /**
   * Binary formats compress inside the file; a compression extension on the name must not make Beam
   * open the file through a decompressing channel, which cannot seek.
   */
  @Test
  void fileNamedAsCompressedIsReadAsItIs() throws IOException {
    writeTiny("c.tny.gz", "n=7");
    TestPipeline pipeline = pipeline();

    PCollectionTuple out = read(pipeline, "*.tny.gz");

    PAssert.that(out.get(Records.ROWS))
        .satisfies(
            rows -> {
              assertEquals(Set.of("7"), columnsN(rows));
              return null;
            });
    PAssert.that(out.get(Records.FAILURES)).empty();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertBalanced(result, 1, 0, 0);
  }

  @Test
  void everyRecordEndsAsARowOrADeadLetterAndTheCountersAgree() throws IOException {
    writeTiny("a.tny", "n=1", "bad", "convert=2", "boom", "n=5", "parse", "n=7");
    byte[] whole = tiny("n=8", "bad again", "n=10");
    Files.write(dir.resolve("b.tny"), Arrays.copyOf(whole, whole.length - 1));
    Files.write(dir.resolve("c.tny"), new byte[] {'T', 'N'});
    writeTiny("d.tny");
    TestPipeline pipeline = pipeline();

    PCollectionTuple out = read(pipeline, "*.tny");

    PAssert.that(out.get(Records.ROWS))
        .satisfies(
            rows -> {
              assertEquals(Set.of("1", "5", "7", "8"), columnsN(rows));
              return null;
            });
    PAssert.that(out.get(Records.FAILURES))
        .satisfies(
            failures -> {
              Set<String> seen =
                  list(failures).stream()
                      .map(
                          f ->
                              Path.of(f.source()).getFileName()
                                  + ":"
                                  + f.recordNumber()
                                  + " "
                                  + f.stage())
                      .collect(Collectors.toCollection(TreeSet::new));
              assertEquals(
                  Set.of(
                      "a.tny:2 READ",
                      "a.tny:3 CONVERT",
                      "a.tny:4 CONVERT",
                      "a.tny:6 PARSE",
                      "b.tny:2 READ",
                      "b.tny:3 READ",
                      "c.tny:1 READ"),
                  seen);
              return null;
            });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertBalanced(result, 4, 7, 2);
  }

  @Test
  void failsTheJobNamingAPatternThatMatchesNoFile() {
    String pattern = dir.resolve("missing-*.tny").toString();
    TestPipeline pipeline = pipeline();
    pipeline.apply(ReadTypedFiles.from(pattern, new TinyFormat(), CONVERTER));

    Exception e = assertThrows(Exception.class, () -> pipeline.run().waitUntilFinish());
    assertTrue(messages(e).contains(pattern), messages(e));
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  /** The test's format: "TNY1", then per record a 4-byte big-endian length and UTF-8 text. */
  private static final class TinyFormat implements TypedFileFormat<String> {
    @Override
    public TypedRecordReader<String> open(SeekableByteChannel channel, String name)
        throws IOException {
      DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
      byte[] magic = new byte[MAGIC.length];
      try {
        in.readFully(magic);
      } catch (EOFException e) {
        in.close();
        throw new IOException("no magic header: " + name + " is shorter than 4 bytes", e);
      }
      if (!Arrays.equals(magic, MAGIC)) {
        in.close();
        throw new IOException("no magic header: " + name + " is not a tiny file");
      }
      return new TinyReader(in);
    }
  }

  /** Records "bad..." resolve to nothing the table takes: they come back unreadable. */
  private static final class TinyReader implements TypedRecordReader<String> {
    private final InputStream in;
    private long offset = MAGIC.length;
    private long number;

    TinyReader(InputStream in) {
      this.in = in;
    }

    static byte[] originalOf(String text) {
      return ("TNY1 " + text).getBytes(StandardCharsets.UTF_8);
    }

    static String textOf(String text) {
      return "{\"text\":\"" + text + "\"}";
    }

    @Override
    public TypedRecord<String> next() throws IOException {
      byte[] length = in.readNBytes(4);
      if (length.length == 0) {
        return null;
      }
      if (length.length < 4) {
        throw new EOFException("the length of record " + (number + 1) + " is cut short");
      }
      offset += 4;
      int size = ((length[0] & 0xff) << 24) | ((length[1] & 0xff) << 16);
      size |= ((length[2] & 0xff) << 8) | (length[3] & 0xff);
      byte[] text = in.readNBytes(size);
      if (text.length < size) {
        throw new EOFException("record " + (number + 1) + " is cut short");
      }
      offset += size;
      number++;
      String value = new String(text, StandardCharsets.UTF_8);
      return value.startsWith("bad")
          ? TypedRecord.unreadable(value, number, "does not resolve: " + value)
          : TypedRecord.readable(value, number);
    }

    @Override
    public String position() {
      return "at byte " + offset;
    }

    @Override
    public byte[] originalBytes(String record) {
      return originalOf(record);
    }

    @Override
    public String readableText(String record) {
      return textOf(record);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
