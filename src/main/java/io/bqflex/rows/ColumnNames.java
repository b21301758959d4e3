package io.bqflex.rows;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * BigQuery's rules for a column name (https://cloud.google.com/bigquery/docs/schemas#column_names),
 * with flexible column names: checked when the schema is read, so a name BigQuery would refuse
 * fails the launch instead of the load job or the first append.
 */
final class ColumnNames {
  /** BigQuery's maximum column name length, in characters. */
  static final int MAX_LENGTH = 300;

  /**
   * Prefixes BigQuery keeps for its pseudo-columns, compared case-insensitively. The schemas page
   * lists the first six and the change-data-capture names; BigQuery's own error message ("Field
   * names are not allowed to start with the (case-insensitive) prefixes _PARTITION, _TABLE_,
   * _FILE_, _ROW_TIMESTAMP, __ROOT__ and _COLIDENTIFIER") adds _COLIDENTIFIER.
   */
  static final List<String> RESERVED_PREFIXES =
      List.of(
          "_TABLE_",
          "_FILE_",
          "_PARTITION",
          "_ROW_TIMESTAMP",
          "__ROOT__",
          "_COLON_",
          "_COLIDENTIFIER",
          "_CHANGE_SEQUENCE_NUMBER",
          "_CHANGE_TYPE");

  /**
   * Flexible column names: letters (\p{L}), numbers (\p{N}), connector punctuation (\p{Pc}, the
   * underscore among them), dashes (\p{Pd}), marks (\p{M}), whitespace and the symbols {@code & % =
   * + : ' < > # |}. Anything else (for example {@code ! " $ ( ) * , . / ; ? @ [ \ ] ^ ` { } ~}) is
   * refused by BigQuery.
   */
  private static final Pattern ALLOWED =
      Pattern.compile("[\\p{L}\\p{N}\\p{Pc}\\p{Pd}\\p{M}\\s&%=+:'<>#|]+");

  private ColumnNames() {}

  /** Why BigQuery refuses {@code name} as a column name, or null when it accepts it. */
  static String problemWith(String name) {
    int length = name.codePointCount(0, name.length());
    if (length > MAX_LENGTH) {
      return "is "
          + length
          + " characters long; BigQuery column names have at most "
          + MAX_LENGTH
          + " characters";
    }
    if (!ALLOWED.matcher(name).matches()) {
      int bad = firstDisallowed(name);
      return "contains "
          + describe(bad)
          + ", which BigQuery does not allow in a column name (allowed: letters, numbers,"
          + " underscores and other connector punctuation, dashes, marks, whitespace and"
          + " & % = + : ' < > # |)";
    }
    String upper = name.toUpperCase(Locale.ROOT);
    for (String prefix : RESERVED_PREFIXES) {
      if (upper.startsWith(prefix)) {
        return "starts with "
            + prefix
            + ", a prefix BigQuery reserves for its pseudo-columns (case-insensitive)";
      }
    }
    return null;
  }

  private static int firstDisallowed(String name) {
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      if (!ALLOWED.matcher(new String(Character.toChars(codePoint))).matches()) {
        return codePoint;
      }
      i += Character.charCount(codePoint);
    }
    return -1;
  }

  private static String describe(int codePoint) {
    return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
        ? String.format("the character U+%04X", codePoint)
        : String.format("'%s' (U+%04X)", new String(Character.toChars(codePoint)), codePoint);
  }
}
