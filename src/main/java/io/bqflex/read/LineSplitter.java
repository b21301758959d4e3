package io.bqflex.read;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits decoded text at LF, keeping track of where in the file each line starts, for the line
 * readers ({@link JsonLinesReader}, {@link TextLinesReader}) to find a line's original bytes.
 */
final class LineSplitter {
  private final Reader text;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;

  /** The file position of {@code buffer[0]}. */
  private long bufferStart;

  private boolean ended;

  LineSplitter(Reader text) {
    this.text = text;
  }

  /** The file position (in characters) of the next line's first character. */
  long position() {
    return bufferStart + position;
  }

  /** The next line without its LF (a CR before it stays); null at the end of the file. */
  String readLine() throws IOException {
    StringBuilder longLine = null;
    while (true) {
      if (position == limit && !fillBuffer()) {
        return longLine == null ? null : longLine.toString();
      }
      int lineFeed = indexOfLineFeed();
      if (lineFeed >= 0) {
        String line = new String(buffer, position, lineFeed - position);
        position = lineFeed + 1;
        return longLine == null ? line : longLine.append(line).toString();
      }
      if (longLine == null) {
        longLine = new StringBuilder();
      }
      longLine.append(buffer, position, limit - position);
      position = limit;
    }
  }

  /** {@code line} without the CR of a CR LF ending. */
  static String withoutCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private int indexOfLineFeed() {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
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
