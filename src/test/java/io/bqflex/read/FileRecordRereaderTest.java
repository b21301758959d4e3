package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.SourceRecord;
import io.bqflex.rows.CsvFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record read again by its number is the record the read gave at that number: the same text and
 * original bytes, though the read split the file into ranges and the re-read goes from the start.
 */
class FileRecordRereaderTest {
  @TempDir Path temp;

  @Test
  void csvRecordsReadAgainAreTheRecordsTheSplitReadGave() throws Exception {
    // Multi-line quoted values, empty lines, a header, in a charset that is not UTF-8.
    FileFormat format =
        FileFormat.csv(CsvFormats.named("Default", null), true, "ISO-8859-1", "csvFileEncoding");
    int checked = 0;
    for (int seed = 0; seed < 20; seed++) {
      byte[] bytes = CsvFiles.generate(new Random(seed), ",", StandardCharsets.ISO_8859_1);
      Path file = Files.write(temp.resolve("part-" + seed + ".csv"), bytes);
      Map<Long, SplitReads.Read> split = new HashMap<>();
      for (SplitReads.Read read : SplitReads.split(bytes, format, 31)) {
        if (read.failure() == null) {
          split.put(read.number(), read);
        }
      }

      Map<Long, SourceRecord> reread =
          new FileRecordRereader(format).reread(file.toString(), split.keySet());

      assertEquals(split.keySet(), reread.keySet(), "seed " + seed);
      for (SplitReads.Read read : split.values()) {
        SourceRecord again = reread.get(read.number());
        String which = "seed " + seed + ", record " + read.number();
        assertEquals(read.text(), again.decodedText(), which);
        assertEquals(file.toString(), again.source(), which);
        assertEquals(read.number(), again.recordNumber(), which);
        if (read.bytes() != null) {
          assertEquals(read.bytes(), boxed(again.payloadBytes()), which);
        }
        checked++;
      }
    }
    assertTrue(checked > 40, "the generated files have " + checked + " records to check");
  }

  @Test
  void readsACompressedFileAsItsNameSays() throws Exception {
    Path file = temp.resolve("events.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n".getBytes(StandardCharsets.UTF_8));
    }

    Map<Long, SourceRecord> reread =
        new FileRecordRereader(FileFormat.jsonLines("UTF-8")).reread(file.toString(), Set.of(2L));

    assertEquals(Set.of(2L), reread.keySet());
    assertArrayEquals("{\"n\":2}".getBytes(StandardCharsets.UTF_8), reread.get(2L).payloadBytes());
  }

  @Test
  void aNumberPastTheEndIsAbsentAndAMissingFileThrows() throws Exception {
    Path file = Files.writeString(temp.resolve("short.json"), "{\"n\":1}\n{\"n\":2}\n");
    FileRecordRereader rereader = new FileRecordRereader(FileFormat.jsonLines("UTF-8"));

    assertEquals(Set.of(1L), rereader.reread(file.toString(), Set.of(1L, 7L)).keySet());
    assertThrows(
        IOException.class, () -> rereader.reread(temp.resolve("gone.json").toString(), Set.of(1L)));
  }

  private static List<Byte> boxed(byte[] bytes) {
    Byte[] boxed = new Byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      boxed[i] = bytes[i];
    }
    return List.of(boxed);
  }
}
