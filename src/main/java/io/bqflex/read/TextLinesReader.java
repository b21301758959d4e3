package io.bqflex.read;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads plain text: every line is a record, numbered by its 1-based line in the file, blank lines
 * included, because the template hands each line to a UDF that decides what it means (as Google's
 * TextIO-based template does). Lines end where Beam's TextIO ends them, at LF, CR LF or a lone CR,
 * so a file splits into the records it does in Google's template; a line terminator at the end of
 * the file does not make one more, empty, record.
 */
public final class TextLinesReader implements FileRecordReader {
  private final Reader text;
  private final LineSplitter lines;
  private final long lastLineNumber;
  private long lineNumber;

  /**
   * @param text the file's characters, already decoded (a {@link DecodingReader} lets the reader
   *     fail the lines that hold undecodable bytes)
   */
  public TextLinesReader(Reader text) {
    this(text, 1, RecordSpan.TO_THE_END);
  }

  /**
   * Reads at most {@code lineCount} lines of {@code text}, which starts at line {@code
   * firstLineNumber} of its file (a split read).
   */
  public TextLinesReader(Reader text, long firstLineNumber, long lineCount) {
    this.text = text;
    this.lines = LineSplitter.atAnyLineEnd(text);
    this.lineNumber = firstLineNumber - 1;
    this.lastLineNumber =
        lineCount == RecordSpan.TO_THE_END ? Long.MAX_VALUE : lineNumber + lineCount;
  }

  @Override
  public FileRecord next() throws IOException {
    if (lineNumber >= lastLineNumber) {
      return null;
    }
    long start = lines.position();
    String line = lines.readLine();
    if (line == null) {
      return null;
    }
    lineNumber++;
    String failure = InvalidBytes.failureBetween(text, start, lines.position());
    byte[] bytes = DecodingReader.originalBytesOf(text, start, line);
    return new FileRecord(lineNumber, line, bytes, List.of(), failure);
  }

  @Override
  public void close() throws IOException {
    text.close();
  }
}
