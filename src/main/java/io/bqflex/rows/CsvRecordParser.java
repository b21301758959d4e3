package io.bqflex.rows;

import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Parses the text of ONE CSV record (a {@code SourceRecord} payload) into its column values, with
 * the same {@link CSVFormat} the file was read with, so the values are those Commons CSV gives.
 *
 * <p>Values can be null: formats with a null string (MySQL's {@code \N}, PostgreSQL's empty
 * unquoted value) turn it into null, as Commons CSV does.
 *
 * <p>Runs once per record. Most records hold no quote, escape or line break; for those the values
 * are split here directly, because a Commons CSV parser per record allocates a 16 KB buffer. The
 * split applies the format's rules that still matter without quotes (surrounding spaces, trim, null
 * string, trailing delimiter), and the tests hold it equal to Commons CSV for every predefined
 * format. Anything else goes to Commons CSV itself.
 */
public final class CsvRecordParser implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int NONE = -2;

  private final CSVFormat format;
  private final boolean canSplitDirectly;
  private final char delimiter;
  private final int quote;
  private final int escape;
  private final int comment;

  public CsvRecordParser(CSVFormat format) {
    this.format = Objects.requireNonNull(format, "format");
    String delimiterString = format.getDelimiterString();
    this.canSplitDirectly = delimiterString.length() == 1;
    this.delimiter = delimiterString.charAt(0);
    this.quote = orNone(format.getQuoteCharacter());
    this.escape = orNone(format.getEscapeCharacter());
    this.comment = orNone(format.getCommentMarker());
  }

  private static int orNone(Character c) {
    return c == null ? NONE : c;
  }

  public CSVFormat format() {
    return format;
  }

  /**
   * The column values of {@code recordText}, the text of one record without its line terminator.
   *
   * @throws RecordException at {@link Stage#PARSE} when the text is not exactly one record of the
   *     format (an unterminated quote, text after a closing quote, an unquoted line break)
   */
  public String[] parse(String recordText) throws RecordException {
    if (canSplitDirectly && isPlain(recordText)) {
      return split(recordText);
    }
    return parseWithCommonsCsv(recordText);
  }

  private boolean isPlain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote || c == escape || c == comment || c == '\r' || c == '\n') {
        return false;
      }
    }
    return true;
  }

  private String[] split(String text) {
    List<String> values = new ArrayList<>();
    int start = 0;
    while (true) {
      int end = text.indexOf(delimiter, start);
      boolean last = end < 0;
      String value = clean(text.substring(start, last ? text.length() : end));
      if (last) {
        if (!(value.isEmpty() && format.getTrailingDelimiter())) {
          values.add(nullIfNullString(value));
        }
        return values.toArray(new String[0]);
      }
      values.add(nullIfNullString(value));
      start = end + 1;
    }
  }

  private String clean(String value) {
    if (format.getIgnoreSurroundingSpaces()) {
      value = stripWhitespace(value);
    }
    return format.getTrim() ? value.trim() : value;
  }

  /** Commons CSV's notion of surrounding space is {@link Character#isWhitespace}. */
  private static String stripWhitespace(String value) {
    int from = 0;
    int to = value.length();
    while (from < to && Character.isWhitespace(value.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
      to--;
    }
    return value.substring(from, to);
  }

  /** The null handling Commons CSV applies to an unquoted value. */
  private String nullIfNullString(String value) {
    String nullString = format.getNullString();
    if (value.equals(nullString)) {
      return null;
    }
    QuoteMode quoteMode = format.getQuoteMode();
    boolean strictQuoteMode =
        quoteMode == QuoteMode.ALL_NON_NULL || quoteMode == QuoteMode.NON_NUMERIC;
    return strictQuoteMode && nullString == null && value.isEmpty() ? null : value;
  }

  private String[] parseWithCommonsCsv(String text) throws RecordException {
    try (CSVParser parser =
        CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
      Iterator<CSVRecord> records = parser.iterator();
      if (!records.hasNext()) {
        throw new RecordException(Stage.PARSE, "The record is empty: it holds no CSV values.");
      }
      String[] values = records.next().values();
      if (records.hasNext()) {
        throw new RecordException(
            Stage.PARSE,
            "The text holds more than one CSV record: a line break outside quotes ends a record;"
                + " quote values that contain line breaks.");
      }
      return values;
    } catch (UncheckedIOException e) {
      throw notCsv(e.getCause());
    } catch (IOException e) {
      throw notCsv(e);
    }
  }

  // No cause: a malformed record is the user's to fix, and its stack trace would only repeat this.
  private static RecordException notCsv(IOException e) {
    return new RecordException(
        Stage.PARSE,
        "The record is not valid CSV: " + e.getMessage() + ". Check its quotes and escapes.");
  }
}
