package io.bqflex.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Test helper: every record a reader yields. */
final class Records {
  private Records() {}

  static List<FileRecord> all(FileRecordReader reader) throws IOException {
    List<FileRecord> records = new ArrayList<>();
    try (reader) {
      for (FileRecord r = reader.next(); r != null; r = reader.next()) {
        records.add(r);
      }
    }
    return records;
  }
}
