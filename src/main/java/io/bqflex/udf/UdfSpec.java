package io.bqflex.udf;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which JavaScript UDF a template runs, from Google's three parameters {@code
 * javascriptTextTransformGcsPath}, {@code javascriptTextTransformFunctionName} and {@code
 * javascriptTextTransformReloadIntervalMinutes}, plus a time limit per call.
 */
public final class UdfSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(5);
  private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final String path;
  private final String functionName;
  private final int reloadIntervalMinutes;
  private final Duration timeLimit;

  private UdfSpec(String path, String functionName, int reloadIntervalMinutes, Duration timeLimit) {
    this.path = path;
    this.functionName = functionName;
    this.reloadIntervalMinutes = reloadIntervalMinutes;
    this.timeLimit = timeLimit;
  }

  /**
   * The UDF the parameters ask for, or empty when no path is given.
   *
   * @param path a .js file or a pattern of them ({@code gs://} on Dataflow, local paths locally)
   * @param functionName the function to call with each record's JSON
   * @param reloadMinutes how often a streaming job looks for a changed file; null or 0 = never
   * @throws IllegalArgumentException naming the parameter that is missing or malformed
   */
  public static Optional<UdfSpec> from(String path, String functionName, Integer reloadMinutes) {
    boolean hasPath = path != null && !path.isBlank();
    boolean hasFunction = functionName != null && !functionName.isBlank();
    if (!hasPath && !hasFunction) {
      return Optional.empty();
    }
    if (!hasPath) {
      throw new IllegalArgumentException(
          "javascriptTextTransformFunctionName is set but javascriptTextTransformGcsPath is not;"
              + " pass the .js file that defines "
              + functionName.trim()
              + ", or drop the function name.");
    }
    if (!hasFunction) {
      throw new IllegalArgumentException(
          "javascriptTextTransformGcsPath is set but javascriptTextTransformFunctionName is not;"
              + " pass the name of the function in "
              + path.trim()
              + " to call for each record.");
    }
    String name = functionName.trim();
    if (!FUNCTION_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "javascriptTextTransformFunctionName '"
              + name
              + "' is not a JavaScript function name; use letters, digits, _ and $, not starting"
              + " with a digit.");
    }
    int reload = reloadMinutes == null ? 0 : reloadMinutes;
    if (reload < 0) {
      throw new IllegalArgumentException(
          "javascriptTextTransformReloadIntervalMinutes is "
              + reload
              + "; use 0 to never reload or a positive number of minutes.");
    }
    return Optional.of(new UdfSpec(path.trim(), name, reload, DEFAULT_TIME_LIMIT));
  }

  /** The same UDF with another time limit per call (per record). */
  public UdfSpec withTimeLimit(Duration limit) {
    if (limit == null || limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("The UDF time limit must be positive, got " + limit);
    }
    return new UdfSpec(path, functionName, reloadIntervalMinutes, limit);
  }

  /**
   * Reads and compiles the scripts now, so a launch fails before any record is read. On Dataflow
   * call {@code FileSystems.setDefaultPipelineOptions(options)} first, for {@code gs://}.
   *
   * @throws IllegalArgumentException when the path matches no .js file, a file does not compile
   *     (naming the file and line) or the function is not defined
   * @throws IOException when a file cannot be read
   */
  public void validate() throws IOException {
    try (JavaScriptUdf udf = new JavaScriptUdf(this)) {
      // Loading is the check.
    }
  }

  public String path() {
    return path;
  }

  public String functionName() {
    return functionName;
  }

  public int reloadIntervalMinutes() {
    return reloadIntervalMinutes;
  }

  public Duration timeLimit() {
    return timeLimit;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof UdfSpec)) {
      return false;
    }
    UdfSpec that = (UdfSpec) o;
    return reloadIntervalMinutes == that.reloadIntervalMinutes
        && path.equals(that.path)
        && functionName.equals(that.functionName)
        && timeLimit.equals(that.timeLimit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, functionName, reloadIntervalMinutes, timeLimit);
  }

  @Override
  public String toString() {
    return "UdfSpec{"
        + functionName
        + " in "
        + path
        + ", reload every "
        + reloadIntervalMinutes
        + " min, limit "
        + timeLimit
        + "}";
  }
}
