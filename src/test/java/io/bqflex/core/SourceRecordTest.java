package io.bqflex.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** The envelope: bytes as they came in, text as a view, and the coder that carries both. */
class SourceRecordTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final String SUBSCRIPTION = "projects/my-project/subscriptions/orders";

  private static SourceRecord message(byte[] payload) {
    return SourceRecord.fromMessage(payload, SUBSCRIPTION, "m-1", Map.of("k", "v"), 1_700_000L);
  }

  private static SourceRecord roundTrip(SourceRecord record) throws Exception {
    return CoderUtils.clone(SourceRecordCoder.of(), record);
  }

  @Test
  void everyShapeOfRecordCrossesTheCoderUnchanged() throws Exception {
    byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
    List<SourceRecord> records =
        List.of(
            SourceRecord.fromFile("a,b", "gs://my-bucket/in/a.csv", 1),
            SourceRecord.fromFile("café", latin1, "gs://my-bucket/in/b.csv", 2),
            message("{\"id\":1}".getBytes(StandardCharsets.UTF_8)),
            message(new byte[] {'{', (byte) 0xC3, '('}),
            message(new byte[0]).withUdfOutput("{\"id\":2}"));
    for (SourceRecord record : records) {
      SourceRecord back = roundTrip(record);
      assertEquals(record, back);
      assertArrayEquals(record.payloadBytes(), back.payloadBytes());
      assertEquals(record.decodedText(), back.decodedText());
      assertEquals(record.udfOutput(), back.udfOutput());
    }
  }

  @Test
  void aFileRecordKeepsItsBytesOnlyWhenTheyAreNotItsTextInUtf8() throws Exception {
    SourceRecord utf8 = SourceRecord.fromFile("café", "gs://my-bucket/in/a.json", 1);
    assertArrayEquals("café".getBytes(StandardCharsets.UTF_8), utf8.payloadBytes());
    assertNull(utf8.bytesIfNotText());
    assertEquals("café", utf8.text());
  }

  @Test
  void aMessageIsDecodedOnlyWhenItsTextIsAskedFor() throws Exception {
    SourceRecord record = message("{\"note\":\"✓\"}".getBytes(StandardCharsets.UTF_8));
    assertNull(record.decodedText());
    assertEquals("{\"note\":\"✓\"}", record.text());
    assertEquals("{\"note\":\"✓\"}", record.textIfAny());
  }

  /**
   * Random bytes, valid UTF-8 or not: text() is exactly the strict decode, or a PARSE failure that
   * names the first invalid byte; never text with U+FFFD standing in for a byte.
   */
  @Test
  void textOfRandomBytesIsTheStrictUtf8DecodeOrAParseFailure() {
    Random random = new Random(SEED);
    for (int i = 0; i < 2_000; i++) {
      byte[] bytes = new byte[random.nextInt(12)];
      random.nextBytes(bytes);
      if (random.nextBoolean()) {
        bytes = new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
      }
      SourceRecord record = message(bytes);
      String strict = strictDecode(bytes);
      String context = "seed " + SEED + ", case " + i;
      if (strict != null) {
        assertEquals(strict, assertDoesNotFail(record), context);
      } else {
        RecordException e = assertThrows(RecordException.class, record::text, context);
        assertEquals(Stage.PARSE, e.stage(), context);
        assertTrue(e.getMessage().contains("of " + bytes.length + ")"), e.getMessage());
        assertNull(record.textIfAny(), context);
      }
      assertArrayEquals(bytes, record.payloadBytes(), context);
    }
  }

  private static String assertDoesNotFail(SourceRecord record) {
    try {
      return record.text();
    } catch (RecordException e) {
      throw new AssertionError("valid UTF-8 refused: " + e.getMessage(), e);
    }
  }

  private static String strictDecode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
