package io.bqflex.read;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads plain text: every line is a record, numbered by its 1-based line in the file, blank lines
 * included, because the template hands each line to a UDF that decides what it means (as Google's
 * TextIO-based template does). Lines end at LF or CR LF; a line terminator at the end of the file
 * does not make one more, empty, record.
 */
public final class TextLinesReader implements FileRecordReader {
  private final Reader text;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;

  /** The file position of {@code buffer[0]}. */
  private long bufferStart;

  private long lineNumber;
  private boolean ended;

  /**
   * @param text the file's characters, already decoded (a {@link DecodingReader} lets the reader
   *     fail the lines that hold undecodable bytes)
   */
  public TextLinesReader(Reader text) {
    this.text = text;
  }

  @Override
  public FileRecord next() throws IOException {
    long start = bufferStart + position;
    String line = readLine();
    if (line == null) {
      return null;
    }
    lineNumber++;
    String failure = InvalidBytes.failureBetween(text, start, bufferStart + position);
    String record = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    byte[] bytes = DecodingReader.originalBytesOf(text, start, record);
    return new FileRecord(lineNumber, record, bytes, List.of(), failure);
  }

  /** The next line without its LF; null at the end of the file. */
  private String readLine() throws IOException {
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

  @Override
  public void close() throws IOException {
    text.close();
  }
}
