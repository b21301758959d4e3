package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.DeadLetterSchema;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.BigQueryTimes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where dead letters go and the row each one becomes, in the schema of {@link DeadLetterSchema}.
 */
public final class DeadLetterTable {
  private static final String PARAMETER = "outputDeadletterTable";

  private DeadLetterTable() {}

  /**
   * The default dead-letter table of {@code outputTable}, when the user names none: named after the
   * base table, since {@code t$20240101_error_records} would be partition {@code
   * $20240101_error_records} of the output table itself.
   */
  public static String defaultFor(String outputTable) {
    return DecoratedTable.baseOf(outputTable) + DeadLetterSchema.DEFAULT_SUFFIX;
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
}
