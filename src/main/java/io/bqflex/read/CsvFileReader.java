package io.bqflex.read;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the records of one CSV file, streaming, each with its values and its original text.
 *
 * <p>Commons CSV finds the record boundaries (quoted delimiters, doubled quotes, quoted line
 * breaks, the format's escapes). The original text is cut from a copy of the characters the parser
 * read: a record starts at its {@link CSVRecord#getCharacterPosition()}, and ends after as many
 * line breaks as the parser's line count moved on while reading it. The text keeps line breaks
 * inside quotes and loses the record's own terminator (CR LF, LF or CR) and, in formats that ignore
 * empty lines, the empty lines before it.
 *
 * <p>Record numbers are Commons CSV's {@link CSVRecord#getRecordNumber()}: 1-based and counting the
 * header record, so with {@code containsHeaders} the first data record is number 2. Empty lines
 * that the format ignores are not counted.
 *
 * <p>A malformed file (an unterminated quote, text after a closing quote) does not lose the records
 * before the fault: the reader returns them, then one unreadable record holding the text from the
 * faulty record on (cut at {@value #MAX_MALFORMED_TEXT} characters) with Commons CSV's message, and
 * then stops: after such a fault the record boundaries are a guess.
 *
 * <p>One case is out of reach: in a format with an escape character, a file whose very last
 * character is an escaped line break with no terminator after it loses that line break from the
 * record's text.
 */
public final class CsvFileReader implements FileRecordReader {
  static final int MAX_MALFORMED_TEXT = 1 << 20;

  private final RecordingReader text;
  private final Reader decoded;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final boolean dropsEmptyLines;
  private boolean headerPending;
  private boolean ended;

  /** Added to Commons CSV's record numbers: the records of the file before this reader's text. */
  private final long numberOffset;

  /** How many more records this reader may read (a split read stops at its span's end). */
  private long recordsLeft;

  /** Line breaks the parser has consumed up to {@link #nextStart}. */
  private long linesConsumed;

  /** Where the next record's text (with any ignored empty lines before it) starts. */
  private long nextStart;

  /**
   * @param text the file's characters, already decoded (a {@link DecodingReader} lets the reader
   *     fail the records that hold undecodable bytes)
   * @param containsHeaders whether the first record is a header, to skip
   */
  public CsvFileReader(Reader text, CSVFormat format, boolean containsHeaders) throws IOException {
    this(text, format, containsHeaders, 1, RecordSpan.TO_THE_END);
  }

  /**
   * Reads at most {@code recordCount} records of {@code text}, which starts at the first character
   * of record {@code firstRecordNumber} of its file (a split read); {@code containsHeaders} only
   * where that record is the file's first.
   */
  public CsvFileReader(
      Reader text,
      CSVFormat format,
      boolean containsHeaders,
      long firstRecordNumber,
      long recordCount)
      throws IOException {
    this.numberOffset = firstRecordNumber - 1;
    this.recordsLeft = recordCount;
    this.decoded = text;
    this.text = new RecordingReader(text);
    this.parser = CSVParser.builder().setReader(this.text).setFormat(format).get();
    this.records = parser.iterator();
    this.dropsEmptyLines = format.getIgnoreEmptyLines();
    this.headerPending = containsHeaders;
  }

  @Override
  public FileRecord next() throws IOException {
    while (!ended) {
      CSVRecord record;
      try {
        if (recordsLeft == 0 || !records.hasNext()) {
          ended = true;
          return null;
        }
        record = records.next();
      } catch (UncheckedIOException e) {
        ended = true;
        if (e.getCause() instanceof CSVException malformed) {
          return malformedRest(malformed);
        }
        throw e.getCause();
      }
      long start = record.getCharacterPosition();
      long lines = parser.getCurrentLineNumber();
      long end = text.afterLineBreaks(start, lines - linesConsumed);
      String withEmptyLines = text.text(start, end);
      String withoutEmpty = withoutEmptyLines(withEmptyLines);
      String original = withoutTerminator(withoutEmpty);
      long originalStart = start + withEmptyLines.length() - withoutEmpty.length();
      linesConsumed = lines;
      nextStart = end;
      text.forget(end);
      recordsLeft--;
      if (headerPending) {
        headerPending = false;
        continue;
      }
      String failure = InvalidBytes.failureBetween(decoded, start, end);
      return new FileRecord(
          numberOffset + record.getRecordNumber(),
          original,
          DecodingReader.originalBytesOf(decoded, originalStart, original),
          record.toList(),
          failure);
    }
    return null;
  }

  private FileRecord malformedRest(CSVException malformed) throws IOException {
    String rest = text.readFrom(nextStart, MAX_MALFORMED_TEXT + 1);
    String trimmed = withoutEmptyLines(rest);
    long line = linesConsumed + 1 + lineBreaks(rest.substring(0, rest.length() - trimmed.length()));
    boolean cut = trimmed.length() > MAX_MALFORMED_TEXT;
    String kept = cut ? trimmed.substring(0, MAX_MALFORMED_TEXT) : trimmed;
    long keptStart = nextStart + rest.length() - trimmed.length();
    return new FileRecord(
        numberOffset + parser.getRecordNumber() + 1,
        kept,
        DecodingReader.originalBytesOf(decoded, keptStart, kept),
        List.of(),
        "The CSV file is malformed from line "
            + line
            + " on: "
            + malformed.getMessage()
            + ". The records before it were read; this text"
            + (cut ? " (cut at " + MAX_MALFORMED_TEXT + " characters)" : "")
            + " and the rest of the file were not. Fix the quoting there and load the rest again.");
  }

  private String withoutEmptyLines(String s) {
    if (!dropsEmptyLines) {
      return s;
    }
    int i = 0;
    while (i < s.length() && (s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
      i++;
    }
    return s.substring(i);
  }

  private static String withoutTerminator(String s) {
    if (s.endsWith("\r\n")) {
      return s.substring(0, s.length() - 2);
    }
    if (s.endsWith("\n") || s.endsWith("\r")) {
      return s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static long lineBreaks(String s) {
    return s.replace("\r\n", "\n").chars().filter(c -> c == '\n' || c == '\r').count();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
