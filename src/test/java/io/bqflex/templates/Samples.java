package io.bqflex.templates;

import io.bqflex.catalog.LaunchParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The launch parameters of a template's sample, as the README's first command passes them. */
final class Samples {
  private Samples() {}

  static Map<String, String> parameters(String templateId) throws Exception {
    Path file = Path.of("templates", templateId, "samples", "parameters.txt");
    return LaunchParameters.parse(Files.readString(file).trim());
  }
}
