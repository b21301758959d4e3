package io.bqflex.core;

/**
 * BigQuery's rule for a table's name, as checked before a name is written to: "Can contain up to
 * 1,024 UTF-8 bytes. Can contain Unicode characters in category L (letter), M (mark), N (number),
 * Pc (connector, including underscore), Pd (dash), Zs (space)"
 * (https://cloud.google.com/bigquery/docs/tables#table_naming).
 *
 * <p>Beam's table-spec parser takes of Pc, Pd and Zs only {@code _}, {@code -} and a space, and a
 * name it cannot parse fails the write, not the row: those three are what both accept, so those are
 * what this rule lets through. One rule for the table parameters checked at launch and for the
 * names formed from rows.
 */
public final class TableNames {
  public static final int MAX_BYTES = 1024;

  private TableNames() {}

  /** Whether {@code c} may appear in a table name. */
  public static boolean allowed(int c) {
    if (c == '_' || c == '-' || c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER ->
          true;
      default -> false;
    };
  }

  /** Why {@code name} cannot be a table's name, as a fragment; null when it can. */
  public static String problem(String name) {
    return NameRule.TABLE.problem(name);
  }

  /** {@code 'c'} for a printable character, its code point otherwise. */
  public static String describe(int c) {
    String shown = Character.isISOControl(c) ? "" : "'" + new String(Character.toChars(c)) + "' ";
    return shown + String.format("(U+%04X)", c);
  }
}
