package io.bqflex.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The README files under {@code templates/} of a checkout: what each should say (from the
 * template's metadata, sample parameters and hand-written notes) and whether it does.
 */
public final class TemplateDocs {
  /** The command that regenerates them, for messages that say what to do. */
  public static final String COMMAND = "java -jar target/bqflex.jar docs";

  private final Path root;

  /** {@code root}: the project directory, the one holding {@code templates/}. */
  public TemplateDocs(Path root) {
    this.root = root;
  }

  public Path readme(String templateId) {
    return folder(templateId).resolve("README.md");
  }

  private Path folder(String templateId) {
    return root.resolve("templates").resolve(templateId);
  }

  /** The README as it should be. */
  public String expected(CatalogEntry entry) throws IOException {
    Path samples = folder(entry.id()).resolve("samples").resolve("parameters.txt");
    String parameters;
    try {
      parameters = Files.readString(samples, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(
          samples.toString(),
          null,
          "every template needs samples/parameters.txt (its local-run parameters) for its README");
    }
    Path notesFile = folder(entry.id()).resolve("notes.md");
    Optional<String> notes =
        Files.isRegularFile(notesFile)
            ? Optional.of(Files.readString(notesFile, StandardCharsets.UTF_8))
            : Optional.empty();
    return TemplateReadme.render(entry, parameters, notes);
  }

  /** Whether the checked-in README is what {@link #expected} says. */
  public boolean isCurrent(CatalogEntry entry) throws IOException {
    Path readme = readme(entry.id());
    return Files.isRegularFile(readme)
        && Files.readString(readme, StandardCharsets.UTF_8).equals(expected(entry));
  }

  /** Writes the README when it differs; returns whether it did. */
  public boolean write(CatalogEntry entry) throws IOException {
    if (isCurrent(entry)) {
      return false;
    }
    Files.writeString(readme(entry.id()), expected(entry), StandardCharsets.UTF_8);
    return true;
  }
}
