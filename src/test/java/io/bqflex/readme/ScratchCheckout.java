package io.bqflex.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throwaway copy of the project for the README's commands to run in: what a fresh clone has after
 * {@code mvn package} ({@code templates/}, {@code metadata/}, {@code target/bqflex.jar} and {@code
 * target/lib/}), so the commands write their files ({@code target/local-run/}, {@code launch.json},
 * regenerated READMEs) there and never into the checkout under test.
 */
final class ScratchCheckout {
  private ScratchCheckout() {}

  /** Creates {@code dir} afresh from {@code project}, whose jar must already be built. */
  static Path create(Path project, Path dir) throws IOException {
    Path jar = project.resolve("target/bqflex.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: the README walk runs in `mvn verify`, after `package` built it");
    }
    deleteTree(dir);
    Files.createDirectories(dir.resolve("target"));
    copyTree(project.resolve("templates"), dir.resolve("templates"));
    copyTree(project.resolve("metadata"), dir.resolve("metadata"));
    // The jar's manifest names lib/*.jar beside it; links keep the 250 jars where they are.
    Files.createSymbolicLink(dir.resolve("target/bqflex.jar"), jar.toAbsolutePath());
    Files.createSymbolicLink(
        dir.resolve("target/lib"), project.resolve("target/lib").toAbsolutePath());
    return dir;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      paths.forEach(
          path -> {
            try {
              Files.copy(
                  path,
                  to.resolve(from.relativize(path).toString()),
                  StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
