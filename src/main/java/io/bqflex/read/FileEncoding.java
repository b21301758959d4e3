package io.bqflex.read;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/** The character encoding a user names for input files. */
public final class FileEncoding {
  private FileEncoding() {}

  /**
   * The charset called {@code name} (any name or alias Java knows, such as {@code UTF-8}, {@code
   * ISO-8859-1}, {@code windows-1252}, {@code UTF-16}); UTF-8 when null or blank.
   *
   * @throws IllegalArgumentException naming the charset when Java does not know it
   */
  public static Charset charsetNamed(String name) {
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException(
          "Unknown file encoding '"
              + name
              + "'; use a Java charset name such as UTF-8, ISO-8859-1, windows-1252 or UTF-16.",
          e);
    }
  }
}
