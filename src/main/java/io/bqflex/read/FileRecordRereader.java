package io.bqflex.read;

import io.bqflex.core.RecordRereader;
import io.bqflex.core.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.Compression;

/**
 * Reads records of a file again as {@link ReadFileRecords} read them: the same format, the
 * compression its name says, the whole file from its start (record numbers count from there, as a
 * split read's do), up to the last number asked for.
 */
final class FileRecordRereader implements RecordRereader {
  private static final long serialVersionUID = 1L;

  private final FileFormat format;

  FileRecordRereader(FileFormat format) {
    this.format = format;
  }

  @Override
  public Map<Long, SourceRecord> reread(String source, Set<Long> numbers) throws IOException {
    long last = numbers.isEmpty() ? 0 : Collections.max(numbers);
    Compression compression = Decompression.detect(source);
    Map<Long, SourceRecord> found = new HashMap<>();
    try (InputStream bytes = Decompression.of(source, compression, FileBytes.open(source));
        FileRecordReader reader =
            format.open(bytes, RecordSpan.whole(source, compression, false))) {
      for (FileRecord record = reader.next();
          record != null && record.number() <= last;
          record = reader.next()) {
        if (numbers.contains(record.number())) {
          found.put(record.number(), record.asSourceRecord(source));
        }
      }
    }
    return found;
  }
}
