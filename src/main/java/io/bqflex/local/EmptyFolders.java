package io.bqflex.local;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removes a tree of folders that holds no file, and leaves any folder that does. */
final class EmptyFolders {
  private EmptyFolders() {}

  static void deleteUnder(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> deepestFirst;
    try (Stream<Path> walk = Files.walk(root)) {
      deepestFirst = walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path folder : deepestFirst) {
      try {
        Files.delete(folder);
      } catch (DirectoryNotEmptyException e) {
        // It holds a file: a user may want it (a failed load's input), so it stays.
      }
    }
  }
}
