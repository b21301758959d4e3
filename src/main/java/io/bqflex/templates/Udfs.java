package io.bqflex.templates;

import io.bqflex.core.InvalidParameterException;
import io.bqflex.udf.UdfOptions;
import io.bqflex.udf.UdfSpec;
import java.io.IOException;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;

/** The UDF a template's launch parameters ask for, if any, checked before the job starts. */
final class Udfs {
  private Udfs() {}

  /**
   * The UDF spec of {@code options}, with its files read and compiled once at launch: a missing
   * file, a syntax error or an undefined function fails the launch, naming the parameter.
   */
  static Optional<UdfSpec> specOf(UdfOptions options) {
    Optional<UdfSpec> spec =
        UdfSpec.from(
            options.getJavascriptTextTransformGcsPath(),
            options.getJavascriptTextTransformFunctionName(),
            options.getJavascriptTextTransformReloadIntervalMinutes());
    if (spec.isPresent()) {
      // gs:// paths resolve only once Beam's file systems know the options.
      FileSystems.setDefaultPipelineOptions(options);
      try {
        spec.get().validate();
      } catch (IOException e) {
        throw new InvalidParameterException(
            "javascriptTextTransformGcsPath", "could not read the UDF: " + e.getMessage(), e);
      }
    }
    return spec;
  }
}
