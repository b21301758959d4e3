package io.bqflex.read;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits decoded text into lines, keeping track of where in the file each line starts, for the line
 * readers ({@link JsonLinesReader}, {@link TextLinesReader}) to find a line's original bytes. Two
 * rules, one per format:
 *
 * <ul>
 *   <li>{@link #atLineFeeds}: a line ends at LF, and a CR just before the LF belongs to the ending
 *       (newline-delimited JSON as BigQuery loads it: a lone CR is text);
 *   <li>{@link #atAnyLineEnd}: a line ends at LF, CR LF or a lone CR (Beam's TextIO, which Google's
 *       text templates read with).
 * </ul>
 *
 * <p>Either way a line terminator at the end of the text does not make one more, empty, line.
 */
final class LineSplitter {
  private final Reader text;
  private final boolean loneCrEndsALine;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;

  /** The file position of {@code buffer[0]}. */
  private long bufferStart;

  private boolean ended;

  private LineSplitter(Reader text, boolean loneCrEndsALine) {
    this.text = text;
    this.loneCrEndsALine = loneCrEndsALine;
  }

  /** Lines that end at LF or CR LF; a CR anywhere else is part of the line. */
  static LineSplitter atLineFeeds(Reader text) {
    return new LineSplitter(text, false);
  }

  /** Lines that end at LF, CR LF or a CR alone, as Beam's TextIO splits them. */
  static LineSplitter atAnyLineEnd(Reader text) {
    return new LineSplitter(text, true);
  }

  /** The file position (in characters) of the next line's first character. */
  long position() {
    return bufferStart + position;
  }

  /** The next line without its terminator; null at the end of the text. */
  String readLine() throws IOException {
    StringBuilder longLine = null;
    while (true) {
      if (position == limit && !fillBuffer()) {
        return longLine == null ? null : withoutCr(longLine.toString());
      }
      int end = indexOfLineEnd();
      if (end >= 0) {
        String line = new String(buffer, position, end - position);
        position = end + 1;
        if (buffer[end] == '\r') {
          skipLineFeedAfterCr();
        }
        return withoutCr(longLine == null ? line : longLine.append(line).toString());
      }
      if (longLine == null) {
        longLine = new StringBuilder();
      }
      longLine.append(buffer, position, limit - position);
      position = limit;
    }
  }

  /**
   * {@code line} without the CR of a CR LF ending, when lines end at LF only; a CR that ends the
   * text is taken as the start of a CR LF whose LF is missing, as before.
   */
  private String withoutCr(String line) {
    return !loneCrEndsALine && line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /**
   * Passes over the LF of a CR LF now, even when it is in the next buffer, so {@link #position()}
   * is where the next line starts.
   */
  private void skipLineFeedAfterCr() throws IOException {
    while (position == limit) {
      if (!fillBuffer()) {
        return;
      }
    }
    if (buffer[position] == '\n') {
      position++;
    }
  }

  private int indexOfLineEnd() {
    for (int i = position; i < limit; i++) {
      char c = buffer[i];
      if (c == '\n' || (c == '\r' && loneCrEndsALine)) {
        return i;
      }
    }
    return -1;
  }

  private boolean fillBuffer() throws IOException {
    if (ended) {
      return false;
    }
    bufferStart += limit;
    position = 0;
    limit = 0;
    int n = text.read(buffer, 0, buffer.length);
    if (n < 0) {
      ended = true;
      return false;
    }
    limit = n;
    return true;
  }
}
