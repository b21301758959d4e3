package io.bqflex.read;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads newline-delimited JSON: each line is a record, numbered by its 1-based line in the file.
 * Lines end at LF or CR LF, as BigQuery's newline-delimited JSON (JSON Lines) has them: a lone CR
 * is JSON whitespace inside a line, not a line end. Blank lines (only spaces, tabs or CR: JSON's
 * whitespace) are not records and are skipped, but still counted, so numbers stay line numbers a
 * user can go to. The reader does not look inside a line: whether it is valid JSON is the parser's
 * question.
 */
public final class JsonLinesReader implements FileRecordReader {
  private final Reader text;
  private final LineSplitter lines;
  private final long lastLineNumber;
  private long lineNumber;

  /**
   * @param text the file's characters, already decoded (a {@link DecodingReader} lets the reader
   *     fail the lines that hold undecodable bytes)
   */
  public JsonLinesReader(Reader text) {
    this(text, 1, RecordSpan.TO_THE_END);
  }

  /**
   * Reads at most {@code lineCount} lines of {@code text}, which starts at line {@code
   * firstLineNumber} of its file (a split read).
   */
  public JsonLinesReader(Reader text, long firstLineNumber, long lineCount) {
    this.text = text;
    this.lines = LineSplitter.atLineFeeds(text);
    this.lineNumber = firstLineNumber - 1;
    this.lastLineNumber =
        lineCount == RecordSpan.TO_THE_END ? Long.MAX_VALUE : lineNumber + lineCount;
  }

  @Override
  public FileRecord next() throws IOException {
    while (lineNumber < lastLineNumber) {
      long start = lines.position();
      String line = lines.readLine();
      if (line == null) {
        return null;
      }
      lineNumber++;
      if (!isBlank(line)) {
        String failure = InvalidBytes.failureBetween(text, start, lines.position());
        byte[] bytes = DecodingReader.originalBytesOf(text, start, line);
        return new FileRecord(lineNumber, line, bytes, List.of(), failure);
      }
    }
    return null;
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

  @Override
  public void close() throws IOException {
    text.close();
  }
}
