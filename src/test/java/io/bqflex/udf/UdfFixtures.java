package io.bqflex.udf;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** Finds the .js fixtures under src/test/resources/&lt;TestClass&gt;/. */
final class UdfFixtures {
  private UdfFixtures() {}

  static Path path(Class<?> testClass, String name) {
    try {
      return Paths.get(testClass.getResource("/" + testClass.getSimpleName() + "/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 1-based number of the first line of {@code file} that contains {@code text}. */
  static int lineOf(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(file + " has no line containing " + text);
  }
}
