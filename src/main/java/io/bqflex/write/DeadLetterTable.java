package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.pipeline.InvalidParameterException;
import io.bqflex.rows.BigQueryTimes;
import io.bqflex.rows.FailedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The one dead-letter table schema of the catalog. Its first six columns are those of Google's
 * templates' error tables, so an existing error table keeps working; the last four say where the
 * record came from and which stage refused it.
 */
public final class DeadLetterTable {
  /** Suffix of the default dead-letter table: {@code <outputTable>_error_records}. */
  public static final String DEFAULT_SUFFIX = "_error_records";

  private static final String PARAMETER = "outputDeadletterTable";

  private DeadLetterTable() {}

  public static TableSchema schema() {
    return new TableSchema()
        .setFields(
            List.of(
                field("timestamp", "TIMESTAMP", "REQUIRED"),
                field("payloadString", "STRING", "NULLABLE"),
                field("payloadBytes", "BYTES", "NULLABLE"),
                field("attributes", "RECORD", "REPEATED")
                    .setFields(
                        List.of(
                            field("key", "STRING", "NULLABLE"),
                            field("value", "STRING", "NULLABLE"))),
                field("errorMessage", "STRING", "NULLABLE"),
                field("stacktrace", "STRING", "NULLABLE"),
                field("stage", "STRING", "NULLABLE"),
                field("source", "STRING", "NULLABLE"),
                field("recordNumber", "INTEGER", "NULLABLE"),
                field("messageId", "STRING", "NULLABLE")));
  }

  /**
   * The default dead-letter table of {@code outputTable}, when the user names none: named after the
   * base table, since {@code t$20240101_error_records} would be partition {@code
   * $20240101_error_records} of the output table itself.
   */
  public static String defaultFor(String outputTable) {
    return DecoratedTable.baseOf(outputTable) + DEFAULT_SUFFIX;
  }

  /**
   * The dead-letter table of {@code output}: {@code given} (the value of outputDeadletterTable), or
   * the default when it is blank.
   *
   * @throws InvalidParameterException when {@code given} has a partition decorator or is the output
   *     table itself, where dead letters would mix with the data
   */
  static String resolve(String given, DecoratedTable output) {
    if (given == null || given.isBlank()) {
      return defaultFor(output.base());
    }
    String table = given.trim();
    if (table.indexOf('$') >= 0) {
      throw new InvalidParameterException(
          PARAMETER, table + " has a partition decorator; the dead-letter table takes none");
    }
    if (output.sameTableAs(table)) {
      throw new InvalidParameterException(
          PARAMETER, table + " is the output table; dead letters need a table of their own");
    }
    return table;
  }

  /** The dead-letter row of {@code failure}. */
  public static TableRow toRow(FailedRecord failure) {
    TableRow row = new TableRow();
    // The converters' canonical TIMESTAMP form: both write paths read it alike.
    row.set("timestamp", BigQueryTimes.timestampOfMillis(failure.timestampMillis()));
    row.set("payloadString", payloadString(failure));
    if (failure.payloadBytes() != null) {
      row.set("payloadBytes", Base64.getEncoder().encodeToString(failure.payloadBytes()));
    }
    row.set("attributes", attributes(failure.attributes()));
    row.set("errorMessage", failure.errorMessage());
    if (failure.stacktrace() != null) {
      row.set("stacktrace", failure.stacktrace());
    }
    row.set("stage", failure.stage().name());
    if (failure.source() != null) {
      row.set("source", failure.source());
    }
    if (failure.recordNumber() > 0) {
      row.set("recordNumber", String.valueOf(failure.recordNumber()));
    }
    if (failure.messageId() != null) {
      row.set("messageId", failure.messageId());
    }
    return row;
  }

  /**
   * A payload that is not text (invalid UTF-8) still gets a readable payloadString, with U+FFFD for
   * the bytes it cannot show; payloadBytes keeps the exact original.
   */
  private static String payloadString(FailedRecord failure) {
    if (failure.payloadString() != null) {
      return failure.payloadString();
    }
    return failure.payloadBytes() == null
        ? ""
        : new String(failure.payloadBytes(), StandardCharsets.UTF_8);
  }

  private static List<TableRow> attributes(Map<String, String> attributes) {
    List<TableRow> pairs = new ArrayList<>();
    if (attributes != null) {
      attributes.forEach((k, v) -> pairs.add(new TableRow().set("key", k).set("value", v)));
    }
    return pairs;
  }

  private static TableFieldSchema field(String name, String type, String mode) {
    return new TableFieldSchema().setName(name).setType(type).setMode(mode);
  }
}
