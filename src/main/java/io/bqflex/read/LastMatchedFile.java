package io.bqflex.read;

import io.bqflex.core.InvalidParameterException;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The file whose schema a load job takes when none is given: "the alphabetically last file" of
 * those the pattern matches, as BigQuery's Avro and Parquet loading pages say.
 */
public final class LastMatchedFile {
  private static final Pattern REMOTE = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://");

  private LastMatchedFile() {}

  /**
   * For {@link io.bqflex.rows.DataSchema#notReadableHere}: the line saying that the schema of the
   * files matching {@code pattern} (not local: {@code gs://}) is read at launch, and the checks
   * against it run then; null for a local pattern, whose files can be read now.
   */
  public static String notReadableHere(String pattern, String parameter) {
    if (!REMOTE.matcher(pattern).lookingAt() || pattern.startsWith("file:")) {
      return null;
    }
    return parameter
        + ": "
        + pattern
        + " is not a local path, so the schema of its alphabetically last file is read at"
        + " launch; the checks against it (partitioning and clustering columns, column types)"
        + " run then";
  }

  /**
   * The alphabetically last file matching {@code pattern}, the value of {@code parameter}. Needs
   * Beam's file systems registered for the pattern's scheme ({@code
   * FileSystems.setDefaultPipelineOptions}), as they are once a pipeline is created.
   *
   * @throws InvalidParameterException naming {@code parameter} when nothing matches or the match
   *     fails
   */
  public static MatchResult.Metadata of(String pattern, String parameter) {
    List<MatchResult.Metadata> files;
    try {
      files = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW).metadata();
    } catch (IOException e) {
      throw new InvalidParameterException(
          parameter, "could not list the files matching " + pattern + " (" + e + ")", e);
    }
    return files.stream()
        .max(Comparator.comparing(file -> file.resourceId().toString()))
        .orElseThrow(
            () ->
                new InvalidParameterException(
                    parameter,
                    "no file matches "
                        + pattern
                        + ", so there is no file to take the table schema from: check the"
                        + " pattern, or give JSONPath=<schema file>"));
  }
}
