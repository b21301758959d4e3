package io.bqflex.read;

import java.io.Reader;

/** The failure message of a record that holds bytes its file's charset cannot decode. */
final class InvalidBytes {
  private InvalidBytes() {}

  /** The failure for the characters [from, to) of {@code text}; null when they decoded cleanly. */
  static String failureBetween(Reader text, long from, long to) {
    if (text instanceof DecodingReader decoded && decoded.hasInvalidBytesBetween(from, to)) {
      String charset = decoded.charset().name();
      // Name only a parameter the template has: a template that reads one charset has none.
      String advice =
          decoded.charsetParameter() == null
              ? String.format(
                  "This template reads %s files only: fix the bytes in the file or convert it to"
                      + " %s, and load it again.",
                  charset, charset)
              : String.format(
                  "If the file uses another encoding, set %s to it; otherwise fix the bytes in the"
                      + " file.",
                  decoded.charsetParameter());
      return "The record holds bytes that are not valid "
          + charset
          + " (payloadString shows them as U+FFFD; payloadBytes keeps them as they were). "
          + advice;
    }
    return null;
  }
}
