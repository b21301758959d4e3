package io.bqflex.read;

import java.nio.charset.Charset;
import org.apache.commons.csv.CSVFormat;

/**
 * Commons CSV's lexer (1.14.x, {@code Lexer.nextToken} and the parser's record loop) as a byte
 * machine, for a format without escape character, comment marker or multi-character delimiter (see
 * {@link CsvBoundaries} for what is modelled and what is read whole). Not minimal: the lexer's
 * states times the prefixes of multi-byte whitespace characters; {@link MinimalMachine} then merges
 * what the format makes alike.
 *
 * <p>A unit starts at a record's first character that is not part of an empty line the format
 * ignores: there a fresh parser is in the state the whole-file parser is in after the previous
 * record's line end (the lexer only asks whether the last character was a line end), so a read from
 * there gives the same records.
 */
final class CsvLexerMachine {
  private static final int LF = '\n';
  private static final int CR = '\r';
  private static final int NO_QUOTE = -1;

  // The lexer's states, then the whitespace prefixes read at a field start (when the format skips
  // spaces before a quote), then those read after a closing quote.

  /** After a record's line end, or at the file's start: the next character begins a record. */
  static final int RECORD_START = 0;

  /** After a CR that ended a record: an LF here is part of that line end. */
  static final int AFTER_CR = 1;

  /** After a delimiter: a quote here opens a quoted field. */
  static final int FIELD_START = 2;

  /** In a field that did not start with a quote: quotes are plain characters. */
  static final int UNQUOTED = 3;

  /** Inside quotes: delimiters and line ends are the field's text. */
  static final int QUOTED = 4;

  /** After a quote inside quotes: another quote is a doubled one, anything else closes. */
  static final int QUOTE_IN_QUOTED = 5;

  /** After a closing quote: only whitespace (or any text, in formats that allow trailing data). */
  static final int AFTER_CLOSING_QUOTE = 6;

  /** Commons CSV throws: text after a closing quote. */
  static final int FAULT = 7;

  private static final int LEXER_STATES = 8;

  private final int delimiter;
  private final int quote;
  private final boolean ignoreEmptyLines;
  private final boolean ignoreSurroundingSpaces;
  private final boolean trailingData;
  private final boolean lenientEof;
  private final WhitespaceBytes whitespace;

  CsvLexerMachine(CSVFormat format, Charset charset) {
    this.delimiter = format.getDelimiterString().charAt(0);
    this.quote = format.getQuoteCharacter() == null ? NO_QUOTE : format.getQuoteCharacter();
    this.ignoreEmptyLines = format.getIgnoreEmptyLines();
    this.ignoreSurroundingSpaces = format.getIgnoreSurroundingSpaces();
    this.trailingData = format.getTrailingData();
    this.lenientEof = format.getLenientEof();
    this.whitespace = WhitespaceBytes.of(charset);
  }

  /** The machine, named {@code name}, with every state of the product (some unreachable). */
  BoundaryMachine build(String name) {
    int states = LEXER_STATES + 2 * whitespace.prefixCount();
    int[] next = new int[states * 256];
    boolean[] startsUnit = new boolean[states * 256];
    boolean[] endsCleanly = new boolean[states];
    for (int state = 0; state < states; state++) {
      for (int b = 0; b < 256; b++) {
        next[state * 256 + b] = next(state, b);
        startsUnit[state * 256 + b] = startsUnit(state, b);
      }
      endsCleanly[state] = endsCleanly(state);
    }
    return new BoundaryMachine(name, RECORD_START, FAULT, next, startsUnit, endsCleanly);
  }

  private boolean startsUnit(int state, int b) {
    if (state == AFTER_CR && b == LF) {
      return false;
    }
    boolean atRecordStart = state == RECORD_START || state == AFTER_CR;
    return atRecordStart && !(ignoreEmptyLines && isLineEnd(b));
  }

  private int next(int state, int b) {
    if (state >= LEXER_STATES) {
      return afterWhitespacePrefix(state - LEXER_STATES, b);
    }
    return switch (state) {
      case RECORD_START -> ignoreEmptyLines && isLineEnd(b) ? RECORD_START : atFieldStart(b);
      case AFTER_CR -> b == LF ? RECORD_START : next(RECORD_START, b);
      case FIELD_START -> atFieldStart(b);
      case UNQUOTED -> inUnquoted(b);
      case QUOTED -> b == quote ? QUOTE_IN_QUOTED : QUOTED;
      case QUOTE_IN_QUOTED -> b == quote ? QUOTED : afterClosingQuote(b);
      case AFTER_CLOSING_QUOTE -> afterClosingQuote(b);
      default -> FAULT;
    };
  }

  /** A field's first byte: skipped whitespace (if the format skips it), a quote, or text. */
  private int atFieldStart(int b) {
    if (ignoreSurroundingSpaces && !endsField(b)) {
      int walked = whitespace.step(WhitespaceBytes.ROOT, b);
      if (walked == WhitespaceBytes.WHITESPACE) {
        return FIELD_START;
      }
      if (walked >= 0) {
        return LEXER_STATES + walked;
      }
    }
    return b == quote ? QUOTED : inUnquoted(b);
  }

  private int inUnquoted(int b) {
    if (b == delimiter) {
      return FIELD_START;
    }
    if (b == CR) {
      return AFTER_CR;
    }
    return b == LF ? RECORD_START : UNQUOTED;
  }

  private int afterClosingQuote(int b) {
    if (endsField(b)) {
      return inUnquoted(b);
    }
    if (trailingData) {
      return AFTER_CLOSING_QUOTE;
    }
    int walked = whitespace.step(WhitespaceBytes.ROOT, b);
    if (walked == WhitespaceBytes.WHITESPACE) {
      return AFTER_CLOSING_QUOTE;
    }
    return walked >= 0 ? LEXER_STATES + whitespace.prefixCount() + walked : FAULT;
  }

  /** From prefix state {@code prefixState} (numbered from the first field-start prefix). */
  private int afterWhitespacePrefix(int prefixState, int b) {
    boolean atFieldStart = prefixState < whitespace.prefixCount();
    int prefix = atFieldStart ? prefixState : prefixState - whitespace.prefixCount();
    int walked = whitespace.step(prefix, b);
    if (walked >= 0) {
      return prefixState - prefix + LEXER_STATES + walked;
    }
    if (walked == WhitespaceBytes.WHITESPACE) {
      return atFieldStart ? FIELD_START : AFTER_CLOSING_QUOTE;
    }
    // The bytes read are another character (or undecodable, U+FFFD): at a field start that makes
    // a simple token, where this byte is read as any other; after a closing quote, a fault.
    return atFieldStart ? inUnquoted(b) : FAULT;
  }

  private boolean endsCleanly(int state) {
    if (state >= LEXER_STATES) {
      // A character cut short decodes as U+FFFD: text in a field, but a fault after a quote.
      return state < LEXER_STATES + whitespace.prefixCount();
    }
    return state != FAULT && (state != QUOTED || lenientEof);
  }

  private boolean endsField(int b) {
    return b == delimiter || isLineEnd(b);
  }

  private static boolean isLineEnd(int b) {
    return b == CR || b == LF;
  }
}
