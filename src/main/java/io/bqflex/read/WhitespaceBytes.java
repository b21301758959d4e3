package io.bqflex.read;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The byte sequences, in one charset, of the characters Commons CSV takes for whitespace ({@code
 * Character.isWhitespace} on a {@code char}: it skips them before a quote when a format ignores
 * surrounding spaces, and allows them after a closing quote), as a prefix tree to walk byte by
 * byte. In UTF-8 a few of them take three bytes (U+2000..U+200A, U+3000, ...), so a byte machine
 * needs a state for each of their proper prefixes.
 */
final class WhitespaceBytes {
  /** The walk has not started: no byte of a whitespace character read yet. */
  static final int ROOT = -1;

  /** The bytes read complete a whitespace character. */
  static final int WHITESPACE = -2;

  /** The bytes read are not (the start of) a whitespace character. */
  static final int OTHER = -3;

  /** Proper prefixes of the sequences, numbered from 0, keyed by their bytes as ISO-8859-1. */
  private final Map<String, Integer> prefixes = new HashMap<>();

  private final Set<String> sequences = new HashSet<>();
  private final List<String> prefixByNumber = new ArrayList<>();

  private WhitespaceBytes(List<byte[]> encoded) {
    for (byte[] bytes : encoded) {
      String sequence = key(bytes, bytes.length);
      sequences.add(sequence);
      for (int length = 1; length < bytes.length; length++) {
        String prefix = key(bytes, length);
        if (!prefixes.containsKey(prefix)) {
          prefixes.put(prefix, prefixByNumber.size());
          prefixByNumber.add(prefix);
        }
      }
    }
  }

  /** The whitespace characters of {@code charset}, each as the bytes it decodes from. */
  static WhitespaceBytes of(Charset charset) {
    CharsetEncoder encoder =
        charset
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<byte[]> encoded = new ArrayList<>();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      if (!Character.isWhitespace(c) || !encoder.canEncode(c)) {
        continue;
      }
      try {
        ByteBuffer bytes = encoder.encode(CharBuffer.wrap(new char[] {c}));
        byte[] sequence = new byte[bytes.remaining()];
        bytes.get(sequence);
        // Only bytes that decode back to this character are read as it.
        if (new String(sequence, charset).equals(String.valueOf(c))) {
          encoded.add(sequence);
        }
      } catch (CharacterCodingException e) {
        throw new IllegalStateException("canEncode said yes to U+" + Integer.toHexString(c), e);
      }
    }
    return new WhitespaceBytes(encoded);
  }

  /** How many proper prefixes the sequences have: the states a byte machine needs for them. */
  int prefixCount() {
    return prefixByNumber.size();
  }

  /**
   * Where the walk goes from {@code prefix} ({@link #ROOT} or a prefix number) on byte {@code b}: a
   * prefix number, {@link #WHITESPACE} or {@link #OTHER}.
   */
  int step(int prefix, int b) {
    String read = (prefix == ROOT ? "" : prefixByNumber.get(prefix)) + (char) (b & 0xFF);
    if (sequences.contains(read)) {
      return WHITESPACE;
    }
    Integer longer = prefixes.get(read);
    return longer == null ? OTHER : longer;
  }

  private static String key(byte[] bytes, int length) {
    StringBuilder key = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      key.append((char) (bytes[i] & 0xFF));
    }
    return key.toString();
  }
}
