package io.bqflex.templates;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bqflex.catalog.ParameterMetadata;
import io.bqflex.pipeline.Template;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters keep exactly what came in: a record's payloadBytes are its bytes in the file, byte
 * for byte, whatever its encoding, and a file cut short says so in its dead letter.
 */
class DeadLetterBytesTest {
  private static final String SCHEMA = "src/test/resources/DeadLetterBytesTest/schema.json";
  private static final byte[] UTF16_LE_MARK = {(byte) 0xFF, (byte) 0xFE};

  @TempDir Path dir;

  @Test
  void jsonTemplateDeadLettersKeepLatin1Utf16AndBrokenUtf8LinesByteForByte() throws Exception {
    Map<Long, byte[]> lines = new LinkedHashMap<>();
    lines.put(1L, utf8("{\"name\":\"ok\",\"n\":1}"));
    lines.put(2L, "{\"name\":\"café\",\"n\":2}".getBytes(ISO_8859_1));
    lines.put(3L, concat(UTF16_LE_MARK, "{\"name\":\"x\",\"n\":3}".getBytes(UTF_16LE)));
    // Valid UTF-8 (every other byte NUL) that is no JSON: a PARSE dead letter, not a READ one.
    lines.put(4L, "{\"name\":\"y\",\"n\":4}".getBytes(UTF_16LE));
    lines.put(5L, concat(utf8("{\"name\":\""), bytes(0xE2, 0x82), utf8("\",\"n\":5}")));
    lines.put(6L, utf8("{\"name\":\"Zoë 東京\",\"n\":\"six\"}"));
    // Cut inside a character at the very end of the file, with no line break after it.
    lines.put(7L, concat(utf8("{\"name\":\"end"), bytes(0xC3)));

    Map<Long, JsonNode> dead =
        deadLettersOfEveryLineButTheFirst(new GcsJsonToBigQuery(), "mixed.json", lines);

    assertEquals("PARSE", dead.get(4L).get("stage").asText());
    assertEquals("CONVERT", dead.get(6L).get("stage").asText());
    for (long n : List.of(2L, 3L, 5L, 7L)) {
      assertEquals("READ", dead.get(n).get("stage").asText());
      assertTrue(dead.get(n).get("payloadString").asText().contains("\uFFFD"));
    }
  }

  @Test
  void jsonTemplateInvalidBytesReasonNamesNoParameterItLacks() throws Exception {
    Path file = dir.resolve("latin1.json");
    Files.write(file, "{\"name\":\"café\",\"n\":1}\n".getBytes(ISO_8859_1));
    String table = "test-project:bytes.json_reason";

    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), parameters(file, table), dir);

    String reason = deadLetters(run, table).get(1L).get("errorMessage").asText();
    assertTrue(reason.contains("UTF-8"), reason);
    GcsJsonToBigQuery json = new GcsJsonToBigQuery();
    for (String parameter : parametersOfEveryTemplate()) {
      if (json.metadata().parameter(parameter).isEmpty()) {
        assertFalse(reason.contains(parameter), parameter + " named in: " + reason);
      }
    }
  }

  @Test
  void csvTemplateDeadLettersKeepLatin1Utf16AndBrokenUtf8RecordsByteForByte() throws Exception {
    Map<Long, byte[]> lines = new LinkedHashMap<>();
    lines.put(1L, utf8("ok,1"));
    lines.put(2L, "café,2".getBytes(ISO_8859_1));
    lines.put(3L, concat(UTF16_LE_MARK, "x,3".getBytes(UTF_16LE)));
    // Valid UTF-8 with NULs: its n is "\u00004\u0000", no INT64, a CONVERT dead letter.
    lines.put(4L, "y,4".getBytes(UTF_16LE));
    lines.put(5L, concat(utf8("br"), bytes(0xF0, 0x9F, 0x98), utf8("ken,5")));
    lines.put(6L, utf8("Zoë 東京,six"));
    lines.put(7L, concat(utf8("end,"), bytes(0xE6)));

    Map<Long, JsonNode> dead =
        deadLettersOfEveryLineButTheFirst(new GcsCsvToBigQuery(), "mixed.csv", lines);

    assertEquals("CONVERT", dead.get(4L).get("stage").asText());
    String reason = dead.get(2L).get("errorMessage").asText();
    assertEquals("READ", dead.get(2L).get("stage").asText());
    assertTrue(reason.contains("csvFileEncoding"), reason);
  }

  @Test
  void csvTemplateDeadLettersKeepTheBytesOfALatin1File() throws Exception {
    Map<Long, byte[]> lines = new LinkedHashMap<>();
    lines.put(1L, "Málaga,1".getBytes(ISO_8859_1));
    lines.put(2L, "café,deux".getBytes(ISO_8859_1));
    lines.put(3L, "\"Ærø\nÇà\",trois".getBytes(ISO_8859_1));
    Path file = dir.resolve("latin1.csv");
    Files.write(file, joined(lines, 0L));
    String table = "test-project:bytes.csv_latin1";
    Map<String, String> p = parameters(file, table);
    p.put("csvFileEncoding", "ISO-8859-1");

    TemplateRun run = TemplateRun.of(new GcsCsvToBigQuery(), p, dir);

    assertEquals("Málaga", run.rows(table).get(0).get("name").asText());
    Map<Long, JsonNode> dead = deadLetters(run, table);
    assertEquals(Set.of(2L, 3L), dead.keySet());
    assertBytes(lines.get(2L), dead.get(2L));
    assertBytes(lines.get(3L), dead.get(3L));
    assertEquals("café,deux", dead.get(2L).get("payloadString").asText());
  }

  @Test
  void csvTemplateDeadLettersKeepTheBytesOfAUtf16FileOfEitherByteOrder() throws Exception {
    for (boolean littleEndian : List.of(true, false)) {
      var charset = littleEndian ? UTF_16LE : UTF_16BE;
      Map<Long, byte[]> lines = new LinkedHashMap<>();
      lines.put(1L, "ok,1".getBytes(charset));
      lines.put(2L, "Zoë 東京 😀,two".getBytes(charset));
      // A lone surrogate is not UTF-16: a READ dead letter with its two bytes kept.
      byte[] loneSurrogate = littleEndian ? bytes(0x00, 0xD8) : bytes(0xD8, 0x00);
      lines.put(3L, concat("a".getBytes(charset), loneSurrogate, ",3".getBytes(charset)));
      lines.put(4L, "b,4".getBytes(charset));
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      file.writeBytes(littleEndian ? UTF16_LE_MARK : bytes(0xFE, 0xFF));
      lines.values().forEach(l -> file.writeBytes(concat(l, "\r\n".getBytes(charset))));
      Path path = dir.resolve("utf16-" + littleEndian + ".csv");
      Files.write(path, file.toByteArray());
      String table = "test-project:bytes.csv_utf16_" + (littleEndian ? "le" : "be");
      Map<String, String> p = parameters(path, table);
      p.put("csvFileEncoding", "UTF-16");

      TemplateRun run = TemplateRun.of(new GcsCsvToBigQuery(), p, dir);

      assertEquals(2, run.result.counts().written());
      Map<Long, JsonNode> dead = deadLetters(run, table);
      assertEquals(Set.of(2L, 3L), dead.keySet());
      assertEquals("CONVERT", dead.get(2L).get("stage").asText());
      assertEquals("READ", dead.get(3L).get("stage").asText());
      assertBytes(lines.get(2L), dead.get(2L));
      assertBytes(lines.get(3L), dead.get(3L));
    }
  }

  @Test
  void truncatedGzipSaysTheRestWasNotLoadedAndIsCountedApartFromRecords() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 5_000; i++) {
      text.append("{\"name\":\"").append(Long.toHexString(i * 2654435761L)).append("\",\"n\":");
      text.append(i).append("}\n");
    }
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gzip)) {
      out.write(utf8(text.toString()));
    }
    byte[] whole = gzip.toByteArray();
    Path file = dir.resolve("cut.json.gz");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    String table = "test-project:bytes.cut_gzip";

    TemplateRun run = TemplateRun.of(new GcsJsonToBigQuery(), parameters(file, table), dir);

    long read = run.result.counts().read();
    assertTrue(read > 0 && read < 5_000, "records read: " + read);
    assertEquals(read, run.result.counts().written());
    assertEquals(0, run.result.counts().recordsDeadLettered());
    assertEquals(1, run.result.counts().filesCutShort());
    assertTrue(run.result.counts().balanced());
    List<JsonNode> dead = run.rows(table + "_error_records");
    assertEquals(1, dead.size());
    String payload = dead.get(0).get("payloadString").asText();
    assertTrue(payload.contains("The rest of the file was not loaded"), payload);
    assertTrue(payload.contains("after record " + read), payload);
    assertTrue(
        dead.get(0).path("payloadBytes").isMissingNode()
            || dead.get(0).get("payloadBytes").isNull());
    JsonNode counters = run.summary().get("counters");
    assertEquals(read, counters.get("read").asLong());
    assertEquals(0, counters.get("deadLettered").asLong());
    assertEquals(1, counters.get("filesCutShort").asLong());
    assertTrue(run.console.contains("1 file cut short"), run.console);
  }

  private static Map<String, String> parameters(Path file, String table) {
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", file.toString());
    p.put("JSONPath", SCHEMA);
    p.put("outputTable", table);
    return p;
  }

  private static Map<Long, JsonNode> deadLetters(TemplateRun run, String table) throws IOException {
    return GcsCsvToBigQueryTest.byKey(run.rows(table + "_error_records"), "recordNumber");
  }

  /**
   * Runs {@code template} on a file of {@code lines} (line 3 ended by CR LF, the last by nothing),
   * checks that the first line loads and every other one is a dead letter with the line's exact
   * bytes, and returns the dead letters by line.
   */
  private Map<Long, JsonNode> deadLettersOfEveryLineButTheFirst(
      Template<?> template, String fileName, Map<Long, byte[]> lines) throws Exception {
    Path file = dir.resolve(fileName);
    Files.write(file, joined(lines, 3L));
    String table = "test-project:bytes." + fileName.replace('.', '_');

    TemplateRun run = TemplateRun.of(template, parameters(file, table), dir);

    assertEquals(1, run.result.counts().written());
    Map<Long, JsonNode> dead = deadLetters(run, table);
    Set<Long> allButFirst = new HashSet<>(lines.keySet());
    allButFirst.remove(1L);
    assertEquals(allButFirst, dead.keySet());
    for (long n : dead.keySet()) {
      assertBytes(lines.get(n), dead.get(n));
    }
    return dead;
  }

  private static void assertBytes(byte[] expected, JsonNode deadLetter) {
    byte[] actual = Base64.getDecoder().decode(deadLetter.get("payloadBytes").asText());
    assertArrayEquals(
        expected,
        actual,
        () ->
            "record "
                + deadLetter.get("recordNumber").asText()
                + ": expected "
                + HexFormat.of().formatHex(expected)
                + " but was "
                + HexFormat.of().formatHex(actual));
  }

  private static Set<String> parametersOfEveryTemplate() {
    return Templates.all().stream()
        .map(Template::metadata)
        .flatMap(m -> m.parameters().stream())
        .map(ParameterMetadata::name)
        .collect(Collectors.toSet());
  }

  /** The lines, each ended by LF (CR LF after {@code crlfLine}), the last one by nothing. */
  private static byte[] joined(Map<Long, byte[]> lines, long crlfLine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> numbers = new ArrayList<>(lines.keySet());
    for (long n : numbers) {
      out.writeBytes(lines.get(n));
      if (n != numbers.get(numbers.size() - 1)) {
        out.writeBytes(utf8(n == crlfLine ? "\r\n" : "\n"));
      }
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
