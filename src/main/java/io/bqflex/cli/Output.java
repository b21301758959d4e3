package io.bqflex.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's result to {@code --output FILE}, or prints it when there is none. */
final class Output {
  private Output() {}

  static void write(String text, Path file, PrintWriter console) throws IOException {
    if (file == null) {
      console.print(text);
      console.flush();
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
