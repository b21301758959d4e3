package io.bqflex.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text template is the twin of Google's, which reads its files with Beam's TextIO: every file
 * must split into the lines TextIO gives, whatever mix of LF, CR LF and lone CR it holds.
 */
class TextLinesLikeTextIoTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final char[] ALPHABET = {'a', 'b', ' ', 'é', '東', '\r', '\n', '\r', '\n'};

  @TempDir Path dir;

  private static List<String> ourLines(String text) throws IOException {
    List<String> lines = new ArrayList<>();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (FileRecord record : Records.all(FileFormat.textLines(null).open(bytes(bytes)))) {
      lines.add(record.text());
    }
    return lines;
  }

  private static ByteArrayInputStream bytes(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  private static List<String> files() {
    List<String> files =
        new ArrayList<>(
            List.of(
                "", "\r", "\n", "\r\n", "\n\r", "\r\r", "a", "a\r", "a\r\n\r\n", "\r\na\rb\n\nc"));
    // A CR LF on either side of the line reader's 8,192-character buffer.
    for (int length = 8189; length <= 8193; length++) {
      files.add("x".repeat(length) + "\r\ny\rz");
    }
    Random random = new Random(SEED);
    for (int i = 0; i < 40; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(60); n > 0; n--) {
        text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
      files.add(text.toString());
    }
    return files;
  }

  @Test
  void everyFileSplitsIntoTheLinesBeamsTextIoReads() throws IOException {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<String> files = files();
    for (int i = 0; i < files.size(); i++) {
      Path file = dir.resolve("file-" + i + ".txt");
      Files.writeString(file, files.get(i), StandardCharsets.UTF_8);
      String name = "seed " + SEED + ", file " + i + " " + visible(files.get(i));
      PAssert.that(name, pipeline.apply("TextIO" + i, TextIO.read().from(file.toString())))
          .containsInAnyOrder(ourLines(files.get(i)));
    }
    pipeline.run().waitUntilFinish();
  }

  private static String visible(String text) {
    String shown = text.length() > 80 ? text.substring(0, 40) + "…" : text;
    return "\"" + shown.replace("\r", "\\r").replace("\n", "\\n") + "\"";
  }
}
