package io.bqflex.rows;

/**
 * Checks that bytes are well-formed UTF-8 (Unicode's table of well-formed byte sequences: no
 * overlong forms, no surrogates, nothing past U+10FFFF). Binary formats hand strings over as bytes,
 * and Java's decoding replaces what is malformed with U+FFFD without a word; BigQuery loads them as
 * "UTF-8 only" (Avro loading page), so a malformed string must fail its record instead of loading
 * changed.
 */
final class Utf8Bytes {
  private Utf8Bytes() {}

  /** The offset of the first byte that is not part of a well-formed sequence; -1 if none. */
  static int firstInvalid(byte[] bytes, int length) {
    int i = 0;
    while (i < length) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      int continuations;
      int secondMin = 0x80;
      int secondMax = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        continuations = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        continuations = 2;
        if (b == 0xE0) {
          secondMin = 0xA0; // overlong below U+0800
        } else if (b == 0xED) {
          secondMax = 0x9F; // surrogates U+D800..U+DFFF
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        continuations = 3;
        if (b == 0xF0) {
          secondMin = 0x90; // overlong below U+10000
        } else if (b == 0xF4) {
          secondMax = 0x8F; // past U+10FFFF
        }
      } else {
        return i;
      }
      for (int k = 1; k <= continuations; k++) {
        if (i + k >= length) {
          return i;
        }
        int next = bytes[i + k] & 0xFF;
        int min = k == 1 ? secondMin : 0x80;
        int max = k == 1 ? secondMax : 0xBF;
        if (next < min || next > max) {
          return i;
        }
      }
      i += continuations + 1;
    }
    return -1;
  }
}
