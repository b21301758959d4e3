package io.bqflex.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

  @Test
  void readsWholeLocalFile() throws Exception {
    Path schema = Paths.get(getClass().getResource("/TextFilesTest/schema.json").toURI());
    assertEquals(
        "[{\"name\": \"city\", \"type\": \"STRING\"}]\n", TextFiles.readAll(schema.toString()));
  }

  @Test
  void namesThePathOfAMissingFile(@TempDir Path dir) {
    String missing = dir.resolve("nope.js").toString();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TextFiles.readAll(missing));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
  }
}
