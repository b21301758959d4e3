package io.bqflex.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/** Dataflow job names: the API's rule, and a fresh name for a launch that gives none. */
public final class JobNames {
  /** The Dataflow API's rule for {@code Job.name}: at most 1024 characters. */
  private static final Pattern VALID = Pattern.compile("[a-z]([-a-z0-9]{0,1022}[a-z0-9])?");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private JobNames() {}

  /** What is wrong with {@code name} as a Dataflow job name, if anything. */
  public static Optional<String> problem(String name) {
    if (VALID.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "--job-name: '"
            + name
            + "' is not a Dataflow job name: use lower-case letters, digits and '-', starting"
            + " with a letter and not ending with '-' (at most 1024 characters)");
  }

  /**
   * {@code <templateId>-<yyyyMMdd-HHmmss>} in UTC: unique per second, sortable, and valid because
   * template ids are lower-case words joined by '-'.
   */
  public static String derive(String templateId, Instant now) {
    return templateId + "-" + STAMP.format(now);
  }
}
