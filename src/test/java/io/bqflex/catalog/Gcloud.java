package io.bqflex.catalog;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Google Cloud CLI for tests that check our files against what gcloud accepts. gcloud is
 * slow to start (about 5 s a call here), so tests should call it once per file, not per case.
 */
final class Gcloud {
  /** A safety net for a hung gcloud, not a performance expectation. */
  private static final long TIMEOUT_MINUTES = 3;

  record Result(int exitCode, String stdout, String stderr) {
    /** Everything gcloud said, for assertion messages. */
    String transcript() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private Gcloud() {}

  /** The gcloud executable on the PATH, if there is one. */
  static Optional<Path> executable() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "gcloud");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static boolean available() {
    return executable().isPresent();
  }

  /** Why tests that need gcloud are skipped here; printed so the skip is visible in the log. */
  static String unavailableReason() {
    String reason =
        "gcloud is not on the PATH: skipping the check against the Google Cloud CLI"
            + " (install google-cloud-cli to run it)";
    System.out.println(reason);
    return reason;
  }

  /** Runs {@code gcloud args...} without prompts and returns what it printed. */
  static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(
        executable().orElseThrow(() -> new IllegalStateException(unavailableReason())).toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("gcloud-out", ".txt");
    Path err = Files.createTempFile("gcloud-err", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("CLOUDSDK_CORE_DISABLE_PROMPTS", "1");
      builder.environment().put("CLOUDSDK_CORE_DISABLE_USAGE_REPORTING", "true");
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "gcloud did not finish within " + TIMEOUT_MINUTES + " minutes: " + command);
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * Builds a Flex Template spec from {@code metadataFile} offline ({@code --print-only}: nothing is
   * uploaded, no project or credentials needed). gcloud checks name, label and helpText only.
   */
  static Result buildFlexTemplateSpec(Path metadataFile) throws IOException, InterruptedException {
    return run(
        "dataflow",
        "flex-template",
        "build",
        "gs://b/t.json",
        "--image=gcr.io/p/i:1",
        "--sdk-language=JAVA",
        "--metadata-file=" + metadataFile,
        "--print-only");
  }

  /** The JSON spec in the output of {@link #buildFlexTemplateSpec}, which wraps it in YAML "|-". */
  static String specJson(Result result) {
    int start = result.stdout().indexOf('{');
    if (start < 0) {
      throw new IllegalStateException("gcloud printed no spec:\n" + result.transcript());
    }
    return result.stdout().substring(start);
  }
}
