package io.bqflex.catalog;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one metadata file, each prefixed with the file and the field path. */
final class Problems {
  private final String file;
  private final List<String> lines = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  /** Records a problem at {@code path} ("" for the file as a whole). */
  void add(String path, String message) {
    lines.add(path.isEmpty() ? file + ": " + message : file + ": " + path + ": " + message);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  void throwIfAny() throws MetadataException {
    if (!lines.isEmpty()) {
      throw new MetadataException(lines);
    }
  }
}
