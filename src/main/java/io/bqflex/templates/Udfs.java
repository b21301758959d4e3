package io.bqflex.templates;

import io.bqflex.udf.UdfOptions;
import io.bqflex.udf.UdfSpec;
import java.util.Optional;

/** The UDF a template's launch parameters ask for, if any. */
final class Udfs {
  private Udfs() {}

  static Optional<UdfSpec> specOf(UdfOptions options) {
    return UdfSpec.from(
        options.getJavascriptTextTransformGcsPath(),
        options.getJavascriptTextTransformFunctionName(),
        options.getJavascriptTextTransformReloadIntervalMinutes());
  }
}
