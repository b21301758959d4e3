package io.bqflex.read;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVFormat;

/**
 * Where Commons CSV's records start, as a {@link BoundaryMachine} modelling its lexer (see {@link
 * CsvLexerMachine}), for the formats it can model: those without an escape character, a comment
 * marker, a header or row limit of their own, or a trailing delimiter, with a one-character ASCII
 * delimiter and quote, in a charset that {@linkplain SplittableCharsets splits}. Of the predefined
 * formats: Default, Excel, InformixUnloadCsv, PostgreSQLCsv, RFC4180 and TDF, with any such
 * delimiter; the escape formats (InformixUnload, MongoDBCsv, MongoDBTsv, MySQL, Oracle,
 * PostgreSQLText) are read whole.
 */
public final class CsvBoundaries {
  private static final Map<List<Object>, BoundaryMachine> MACHINES = new ConcurrentHashMap<>();

  private CsvBoundaries() {}

  /** The machine for {@code format} in {@code charset}, or null when such files are read whole. */
  public static BoundaryMachine of(CSVFormat format, Charset charset) {
    if (whyReadWhole(format, charset) != null) {
      return null;
    }
    return MACHINES.computeIfAbsent(
        List.of(format, charset),
        key -> MinimalMachine.of(new CsvLexerMachine(format, charset).build(name(format))));
  }

  /** Why files in {@code format} and {@code charset} are read whole; null when they split. */
  public static String whyReadWhole(CSVFormat format, Charset charset) {
    String charsetReason = SplittableCharsets.whyReadWhole(charset);
    if (charsetReason != null) {
      return charsetReason;
    }
    String reason = unmodelled(format);
    return reason == null ? null : name(format) + " is read whole: " + reason;
  }

  private static String unmodelled(CSVFormat format) {
    if (format.getEscapeCharacter() != null) {
      return "its escape character "
          + quoted(format.getEscapeCharacter().toString())
          + " changes where quotes and line ends count";
    }
    String delimiter = format.getDelimiterString();
    if (delimiter.length() != 1 || delimiter.charAt(0) >= 0x80) {
      return "its delimiter " + quoted(delimiter) + " is not one ASCII character";
    }
    Character quote = format.getQuoteCharacter();
    if (quote != null && quote >= 0x80) {
      return "its quote character " + quoted(quote.toString()) + " is not ASCII";
    }
    if (format.getCommentMarker() != null) {
      return "comment lines are not modelled";
    }
    if (format.getHeader() != null || format.getSkipHeaderRecord()) {
      return "its own header is read by every parser (containsHeaders skips one per file)";
    }
    if (format.getMaxRows() > 0) {
      return "maxRows counts the rows of the whole file";
    }
    if (format.getTrailingDelimiter()) {
      return "with a trailing delimiter Commons CSV stops at the first empty line";
    }
    return null;
  }

  /**
   * "CSV Excel", "CSV TDF with delimiter ';'", or "CSV" for a format no predefined one makes.
   * Predefined formats that Commons CSV defines alike are all named ("CSV MySQL/PostgreSQLText" in
   * 1.14), since the format object cannot tell which one the user asked for.
   */
  static String name(CSVFormat format) {
    List<String> same = new ArrayList<>();
    for (CSVFormat.Predefined predefined : CSVFormat.Predefined.values()) {
      if (predefined.getFormat().equals(format)) {
        same.add(predefined.name());
      }
    }
    if (!same.isEmpty()) {
      return "CSV " + String.join("/", same);
    }
    for (CSVFormat.Predefined predefined : CSVFormat.Predefined.values()) {
      if (withDelimiter(predefined.getFormat(), format.getDelimiterString()).equals(format)) {
        return "CSV "
            + predefined.name()
            + " with delimiter "
            + quoted(format.getDelimiterString());
      }
    }
    return "CSV";
  }

  private static CSVFormat withDelimiter(CSVFormat base, String delimiter) {
    try {
      return base.builder().setDelimiter(delimiter).get();
    } catch (IllegalArgumentException e) {
      return base; // a delimiter this format cannot take: not made from it
    }
  }

  private static String quoted(String s) {
    return "'" + s.replace("\t", "\\t") + "'";
  }
}
