package io.bqflex.rows;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;

/**
 * The CSV dialects a user can name: Commons CSV's predefined formats, optionally with another
 * delimiter. Header handling is deliberately not part of the format: the file reader skips the
 * header record itself, so the record parser sees the same format for every record.
 */
public final class CsvFormats {
  private CsvFormats() {}

  /**
   * The predefined format {@code csvFormat} (matched case-insensitively; {@code Default} when null
   * or blank) with {@code delimiter} in place of its own when given. The delimiter is one
   * character; {@code \t} and {@code tab} as typed on a command line mean a tab.
   *
   * @throws IllegalArgumentException for an unknown format name or a delimiter that is not one
   *     character or that the format cannot use (for example its quote character)
   */
  public static CSVFormat named(String csvFormat, String delimiter) {
    CSVFormat format = predefined(csvFormat);
    if (delimiter == null || delimiter.isEmpty()) {
      return format;
    }
    char delimiterChar = delimiterChar(delimiter);
    try {
      return format.builder().setDelimiter(delimiterChar).get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "delimiter "
              + describe(delimiter)
              + " cannot be used with csvFormat "
              + format
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static CSVFormat predefined(String csvFormat) {
    if (csvFormat == null || csvFormat.isBlank()) {
      return CSVFormat.DEFAULT;
    }
    for (CSVFormat.Predefined predefined : CSVFormat.Predefined.values()) {
      if (predefined.name().equalsIgnoreCase(csvFormat.trim())) {
        return predefined.getFormat();
      }
    }
    throw new IllegalArgumentException(
        "Unknown csvFormat '"
            + csvFormat
            + "'; use one of "
            + Arrays.stream(CSVFormat.Predefined.values())
                .map(Enum::name)
                .collect(Collectors.joining(", ")));
  }

  private static char delimiterChar(String delimiter) {
    if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
      return '\t';
    }
    if (delimiter.length() != 1) {
      throw new IllegalArgumentException(
          "delimiter must be one character (or \\t / tab for a tab), got " + describe(delimiter));
    }
    return delimiter.charAt(0);
  }

  private static String describe(String delimiter) {
    return "'" + delimiter.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n") + "'";
  }
}
