package io.bqflex.write;

import io.bqflex.core.InvalidParameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.SchemaUpdateOption;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;

/**
 * The {@code schemaUpdateOptions} parameter: how the output table may change as rows are written to
 * it, in BigQuery's names ({@code ALLOW_FIELD_ADDITION}, {@code ALLOW_FIELD_RELAXATION}). A load
 * job carries them as its own options; on the Storage Write API the table is widened before the job
 * starts ({@link TableWidening}).
 */
public final class SchemaUpdates {
  public static final String PARAMETER = "schemaUpdateOptions";

  private static final String DOCS =
      "https://cloud.google.com/bigquery/docs/managing-table-schemas";

  private SchemaUpdates() {}

  /**
   * The options {@code value} names, comma-separated, case-insensitively; empty when it is blank.
   *
   * @throws InvalidParameterException for a name that is not one of BigQuery's
   */
  static Set<SchemaUpdateOption> parse(String value) {
    Set<SchemaUpdateOption> options = EnumSet.noneOf(SchemaUpdateOption.class);
    if (value == null || value.isBlank()) {
      return options;
    }
    for (String name : value.split(",")) {
      String option = name.trim().toUpperCase(Locale.ROOT);
      try {
        options.add(SchemaUpdateOption.valueOf(option));
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException(
            PARAMETER,
            "'"
                + name.trim()
                + "' is not one of "
                + Arrays.stream(SchemaUpdateOption.values())
                    .map(Enum::name)
                    .collect(Collectors.joining(", ")));
      }
    }
    return options;
  }

  /**
   * Refuses options BigQuery would not apply: it takes them with {@code WRITE_APPEND}, or with
   * {@code WRITE_TRUNCATE} of one partition; a truncated table takes the schema whole anyway.
   *
   * @param writesPartitions whether each load job writes one partition ({@code t$20240101})
   */
  static void checkDisposition(
      Set<SchemaUpdateOption> options, WriteDisposition disposition, boolean writesPartitions) {
    if (options.isEmpty() || disposition == WriteDisposition.WRITE_APPEND) {
      return;
    }
    if (disposition == WriteDisposition.WRITE_TRUNCATE && !writesPartitions) {
      throw new InvalidParameterException(
          PARAMETER,
          "has no use with writeDisposition=WRITE_TRUNCATE of a whole table, which takes the"
              + " schema as it is; leave "
              + PARAMETER
              + " out, or write with WRITE_APPEND");
    }
    if (disposition != WriteDisposition.WRITE_TRUNCATE) {
      throw new InvalidParameterException(
          PARAMETER,
          "works only with writeDisposition=WRITE_APPEND, or WRITE_TRUNCATE of a partition"
              + " (BigQuery's rule), not with "
              + disposition);
    }
  }

  /**
   * One line per change of {@code changes} that {@code allowed} does not permit, naming the
   * parameter to set or the schema to mend.
   *
   * @param table the existing table, for messages
   * @param schemaParameter the parameter the schema came from ({@code JSONPath})
   */
  static List<String> problems(
      SchemaChanges changes,
      Set<SchemaUpdateOption> allowed,
      String table,
      String schemaParameter) {
    List<String> problems = new ArrayList<>();
    for (String refused : changes.refused()) {
      problems.add(
          new InvalidParameterException(
                  schemaParameter,
                  refused
                      + " ("
                      + DOCS
                      + "); make the schema agree with table "
                      + table
                      + ", or write to another table")
              .getMessage());
    }
    if (!changes.added().isEmpty() && !allowed.contains(SchemaUpdateOption.ALLOW_FIELD_ADDITION)) {
      problems.add(
          new InvalidParameterException(
                  PARAMETER,
                  "the schema has columns that table "
                      + table
                      + " lacks ("
                      + quoted(changes.added())
                      + "), which BigQuery refuses unless the table may gain them: set "
                      + PARAMETER
                      + "=ALLOW_FIELD_ADDITION, or add them to the table first")
              .getMessage());
    }
    if (!changes.relaxed().isEmpty()
        && !allowed.contains(SchemaUpdateOption.ALLOW_FIELD_RELAXATION)) {
      problems.add(
          new InvalidParameterException(
                  PARAMETER,
                  "the schema makes REQUIRED columns of table "
                      + table
                      + " NULLABLE ("
                      + quoted(changes.relaxed())
                      + "), which BigQuery refuses unless they may be relaxed: set "
                      + PARAMETER
                      + "=ALLOW_FIELD_RELAXATION, or make them REQUIRED in the schema")
              .getMessage());
    }
    return problems;
  }

  private static String quoted(List<String> paths) {
    return paths.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "));
  }
}
