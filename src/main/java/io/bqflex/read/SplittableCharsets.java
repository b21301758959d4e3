package io.bqflex.read;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The charsets whose files can be cut into byte ranges: those in which every byte below 0x80 is the
 * ASCII character and never part of another character, so a line feed, a quote or a delimiter is
 * one byte wherever it appears. UTF-8 (and US-ASCII), ISO-8859-x and windows-125x; UTF-16/32 and
 * the multi-byte legacy charsets (Shift_JIS, GBK, Big5, EUC-x, ...) are read whole.
 */
public final class SplittableCharsets {
  private SplittableCharsets() {}

  public static boolean splits(Charset charset) {
    if (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)) {
      return true;
    }
    String name = charset.name().toLowerCase(Locale.ROOT);
    return name.startsWith("iso-8859-") || name.matches("windows-125[0-8]");
  }

  /** Why files in {@code charset} are read whole; null when they split. */
  public static String whyReadWhole(Charset charset) {
    return splits(charset)
        ? null
        : charset.name()
            + " is not split: a byte below 0x80 can be part of another character in it";
  }
}
