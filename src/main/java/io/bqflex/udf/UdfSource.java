package io.bqflex.udf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The JavaScript files behind a UDF path or pattern, read in name order. Two sources are equal when
 * every file has the same name and text, which is how a reload tells that something changed.
 */
final class UdfSource {
  /** One file: the name used in error messages and its text. */
  static final class Script {
    final String name;
    final String text;

    Script(String name, String text) {
      this.name = name;
      this.text = text;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Script
          && name.equals(((Script) o).name)
          && text.equals(((Script) o).text);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, text);
    }
  }

  private final String pattern;
  private final List<Script> scripts;

  UdfSource(String pattern, List<Script> scripts) {
    this.pattern = pattern;
    this.scripts = List.copyOf(scripts);
  }

  /**
   * Reads every {@code .js} file that {@code pattern} matches, in name order. Like Google's
   * templates, other files under the pattern are ignored.
   *
   * @throws IllegalArgumentException when the pattern matches no .js file
   * @throws IOException when a matched file cannot be read
   */
  static UdfSource read(String pattern) throws IOException {
    MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    List<ResourceId> files = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata metadata : match.metadata()) {
        ResourceId file = metadata.resourceId();
        if (!file.isDirectory()
            && file.getFilename() != null
            && file.getFilename().endsWith(".js")) {
          files.add(file);
        }
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "javascriptTextTransformGcsPath '"
              + pattern
              + "' matches no .js file; point it at a JavaScript file or a pattern such as"
              + " gs://bucket/udf/*.js");
    }
    files.sort(Comparator.comparing(ResourceId::toString));
    List<Script> scripts = new ArrayList<>();
    for (ResourceId file : files) {
      try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
        scripts.add(
            new Script(file.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return new UdfSource(pattern, scripts);
  }

  String pattern() {
    return pattern;
  }

  List<Script> scripts() {
    return scripts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UdfSource && scripts.equals(((UdfSource) o).scripts);
  }

  @Override
  public int hashCode() {
    return scripts.hashCode();
  }
}
