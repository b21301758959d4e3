package io.bqflex.core;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/** Reads small whole files (a schema, a UDF script) from any Beam filesystem. */
public final class TextFiles {
  private TextFiles() {}

  /**
   * The UTF-8 text of the file at {@code path} (local, or {@code gs://} once the filesystems are
   * registered: {@code Pipeline.create(options)} or {@code FileSystems.setDefaultPipelineOptions}
   * does that), without a byte-order mark.
   *
   * @throws IllegalArgumentException naming the path when no file is there
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  public static String readAll(String path) {
    MatchResult.Metadata file;
    try {
      file = FileSystems.matchSingleFileSpec(path);
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException(
          "File not found: " + path + ". Check the path and that the job can read it.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not look up " + path + ": " + e.getMessage(), e);
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + path + ": " + e.getMessage(), e);
    }
  }
}
