package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBytesTest {
  @TempDir Path dir;

  @Test
  void readsAFileFromAGivenByte() throws IOException {
    Path file = dir.resolve("a.txt");
    Files.writeString(file, "0123456789", StandardCharsets.UTF_8);

    try (InputStream bytes = FileBytes.openAt(file.toString(), 4, 10)) {
      assertArrayEquals("456789".getBytes(StandardCharsets.UTF_8), bytes.readAllBytes());
    }
  }

  @Test
  void failsNamingAFileWhoseSizeIsNoLongerTheMatchedOne() throws IOException {
    Path file = dir.resolve("grown.txt");
    Files.writeString(file, "0123456789 and more", StandardCharsets.UTF_8);

    FileChangedException e =
        assertThrows(FileChangedException.class, () -> FileBytes.openAt(file.toString(), 4, 10));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("10 bytes when it was matched and has 19"), e.getMessage());
  }
}
