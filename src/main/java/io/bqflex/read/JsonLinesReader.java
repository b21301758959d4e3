package io.bqflex.read;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads newline-delimited JSON: each line is a record, numbered by its 1-based line in the file.
 * Lines end at LF or CR LF. Blank lines (only spaces, tabs or CR: JSON's whitespace) are not
 * records and are skipped, but still counted, so numbers stay line numbers a user can go to. The
 * reader does not look inside a line: whether it is valid JSON is the parser's question.
 */
public final class JsonLinesReader implements FileRecordReader {
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
  public JsonLinesReader(Reader text) {
    this.text = text;
  }

  @Override
  public FileRecord next() throws IOException {
    while (true) {
      long start = bufferStart + position;
      String line = readLine();
      if (line == null) {
        return null;
      }
      lineNumber++;
      if (!isBlank(line)) {
        String failure = InvalidBytes.failureBetween(text, start, bufferStart + position);
        String record = withoutCr(line);
        byte[] bytes = DecodingReader.originalBytesOf(text, start, record);
        return new FileRecord(lineNumber, record, bytes, List.of(), failure);
      }
    }
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

  private static boolean isBlank(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String withoutCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  @Override
  public void close() throws IOException {
    text.close();
  }
}
