package io.bqflex.read;

import java.io.Reader;

/** The failure message of a record that holds bytes its file's charset cannot decode. */
final class InvalidBytes {
  private InvalidBytes() {}

  /** The failure for the characters [from, to) of {@code text}; null when they decoded cleanly. */
  static String failureBetween(Reader text, long from, long to) {
    if (text instanceof DecodingReader decoded && decoded.hasInvalidBytesBetween(from, to)) {
      return "The record holds bytes that are not valid "
          + decoded.charset().name()
          + " (shown as U+FFFD). If the file uses another encoding, set the file encoding"
          + " parameter (csvFileEncoding) to it; otherwise fix the bytes in the file.";
    }
    return null;
  }
}
