package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The UTF-8 check agrees with Java's strict decoder on random bytes and on every code point. */
class Utf8BytesTest {
  private static final long SEED = 20261202L;

  @Test
  void agreesWithJavasStrictDecoderOnRandomBytes() {
    Random random = new Random(SEED);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(8)];
      random.nextBytes(bytes);
      // Mostly small byte values too, so that valid multi-byte sequences occur.
      if (random.nextBoolean() && bytes.length > 0) {
        bytes[0] = (byte) (0xC0 + random.nextInt(0x38));
      }
      assertEquals(
          strictlyValid(bytes),
          Utf8Bytes.firstInvalid(bytes, bytes.length) < 0,
          "seed " + SEED + ", bytes " + java.util.HexFormat.of().formatHex(bytes));
    }
  }

  @Test
  void acceptsEveryScalarValueAndRefusesEverySurrogate() {
    for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      boolean surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
      byte[] bytes = encode(codePoint);
      assertEquals(
          surrogate ? 0 : -1, Utf8Bytes.firstInvalid(bytes, bytes.length), "U+" + codePoint);
    }
  }

  /** The code point in UTF-8's bit layout, surrogates included (Java's encoder refuses those). */
  private static byte[] encode(int c) {
    if (c < 0x80) {
      return new byte[] {(byte) c};
    }
    if (c < 0x800) {
      return new byte[] {(byte) (0xC0 | c >> 6), (byte) (0x80 | c & 0x3F)};
    }
    if (c < 0x10000) {
      return new byte[] {
        (byte) (0xE0 | c >> 12), (byte) (0x80 | c >> 6 & 0x3F), (byte) (0x80 | c & 0x3F)
      };
    }
    return new byte[] {
      (byte) (0xF0 | c >> 18),
      (byte) (0x80 | c >> 12 & 0x3F),
      (byte) (0x80 | c >> 6 & 0x3F),
      (byte) (0x80 | c & 0x3F)
    };
  }

  private static boolean strictlyValid(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      decoder.decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
