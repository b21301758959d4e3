package io.bqflex.read;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Random;

/**
 * Test helper: seeded CSV files for a delimiter and charset, mostly well formed (quoted fields
 * holding delimiters, doubled quotes and line ends of every kind; quotes inside unquoted fields;
 * spaces, Unicode ones too, around quotes; empty lines; a BOM; a last line with or without its line
 * end), sometimes malformed (text after a closing quote, an unterminated quote, a cut character),
 * and sometimes a jumble of CSV's special pieces.
 */
final class CsvFiles {
  private static final String[] LINE_ENDS = {"\n", "\r\n", "\r"};
  private static final String[] EMPTY_LINES = {"\n", "\r\n", "\r", "\n\n", "\r\r\n"};
  private static final String[] TEXT = {
    "a", "bc", "é", "€", "😀", "a\"b", "x\"", " ", "\t", "\u3000", "\uFEFF", "1.5", "NULL"
  };
  private static final String[] QUOTED_TEXT = {
    "a", "é", "😀", "\"\"", "\r", "\n", "\r\n", " ", "\u2028", "b c"
  };
  private static final String[] SPACES = {" ", "  ", "\t", "\u3000", "\u2000", "\u000B"};
  private static final String[] JUMBLE = {
    "a", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\u3000", "é", "😀", "\uFEFF", "x"
  };

  private CsvFiles() {}

  static byte[] generate(Random random, String delimiter, Charset charset) {
    StringBuilder text = new StringBuilder();
    if (random.nextInt(8) == 0) {
      jumble(random, delimiter, text);
    } else {
      records(random, delimiter, text);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (random.nextInt(4) == 0) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    byte[] bytes = text.toString().getBytes(charset);
    int cutAt = random.nextInt(8) == 0 ? random.nextInt(bytes.length + 1) : -1;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == cutAt) {
        // Bytes that do not decode in UTF-8: a lone lead byte, or U+3000 cut short.
        out.writeBytes(random.nextBoolean() ? new byte[] {(byte) 0xC3} : new byte[] {-29, -128});
      }
      if (i < bytes.length) {
        out.write(bytes[i]);
      }
    }
    return out.toByteArray();
  }

  private static void records(Random random, String delimiter, StringBuilder text) {
    int records = 1 + random.nextInt(12);
    for (int r = 0; r < records; r++) {
      if (random.nextInt(5) == 0) {
        text.append(pick(random, EMPTY_LINES));
      }
      int fields = 1 + random.nextInt(4);
      for (int f = 0; f < fields; f++) {
        if (f > 0) {
          text.append(delimiter);
        }
        field(random, delimiter, text);
      }
      if (r < records - 1 || random.nextBoolean()) {
        text.append(pick(random, LINE_ENDS));
      }
    }
    if (random.nextInt(15) == 0) {
      text.append("\"unterminated\n").append(delimiter).append("x");
    }
  }

  private static void field(Random random, String delimiter, StringBuilder text) {
    switch (random.nextInt(5)) {
      case 0 -> {}
      case 1, 2 -> repeat(random, TEXT, text);
      default -> {
        // Rare: in formats that do not skip them, spaces make the quote text, and what follows
        // is often malformed, so the file is read whole.
        if (random.nextInt(12) == 0) {
          text.append(pick(random, SPACES));
        }
        text.append('"');
        int pieces = random.nextInt(5);
        for (int i = 0; i < pieces; i++) {
          text.append(random.nextInt(4) == 0 ? delimiter : pick(random, QUOTED_TEXT));
        }
        text.append('"');
        if (random.nextInt(3) == 0) {
          text.append(pick(random, SPACES));
        }
        if (random.nextInt(60) == 0) {
          text.append(random.nextBoolean() ? "after" : "\"");
        }
      }
    }
  }

  private static void jumble(Random random, String delimiter, StringBuilder text) {
    int pieces = random.nextInt(30);
    for (int i = 0; i < pieces; i++) {
      text.append(random.nextInt(5) == 0 ? delimiter : pick(random, JUMBLE));
    }
  }

  private static void repeat(Random random, String[] pieces, StringBuilder text) {
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      text.append(pick(random, pieces));
    }
  }

  private static String pick(Random random, String[] pieces) {
    return pieces[random.nextInt(pieces.length)];
  }
}
