package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Split reads of generated line files give exactly the whole-file read's records, numbers and
 * failures, for every range size tried. The seed of a failing file is in the message; more seeds
 * run with {@code -Dsplit.seeds=N} (the benchmark command runs thousands).
 */
class SplitLinesPropertyTest {
  private static final int SEEDS = Integer.getInteger("split.seeds", 400);
  private static final String[] PIECES = {
    "{\"a\":1}", "x", "é", "€", "😀", " ", "\t", "\r", "\n", "\r\n", "\n\n", "\uFEFF", "\"", ","
  };

  @Test
  void jsonLinesSplitLikeTheWholeFile() throws Exception {
    checkEverySeed(FileFormat.jsonLines(null));
  }

  @Test
  void textLinesSplitLikeTheWholeFile() throws Exception {
    checkEverySeed(FileFormat.textLines(null));
  }

  @Test
  void latin1TextLinesSplitLikeTheWholeFile() throws Exception {
    checkEverySeed(FileFormat.textLines("ISO-8859-1"));
  }

  private static void checkEverySeed(FileFormat format) throws Exception {
    for (long seed = 1; seed <= SEEDS; seed++) {
      byte[] file = generate(new Random(seed));
      var whole = SplitReads.whole(file, format);
      for (long rangeSize : new long[] {1, 2, 3, 5, 7, 16, 64, file.length + 1L}) {
        assertEquals(
            whole,
            SplitReads.split(file, format, rangeSize),
            "seed " + seed + ", ranges of " + rangeSize + " bytes");
      }
    }
  }

  /** A file of random pieces: line ends of every kind, a BOM, multi-byte characters, bad bytes. */
  static byte[] generate(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (random.nextInt(4) == 0) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    int pieces = random.nextInt(40);
    for (int i = 0; i < pieces; i++) {
      if (random.nextInt(30) == 0) {
        out.write(0xC3); // a lone lead byte: not UTF-8
      } else {
        out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }
}
