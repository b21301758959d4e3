package io.bqflex.core;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.util.List;

/**
 * The one dead-letter table schema of the catalog. Its first six columns are those of Google's
 * templates' error tables, so an existing error table keeps working; the last four say where the
 * record came from and which stage refused it.
 */
public final class DeadLetterSchema {
  /** Suffix of the default dead-letter table: {@code <outputTable>_error_records}. */
  public static final String DEFAULT_SUFFIX = "_error_records";

  private DeadLetterSchema() {}

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

  private static TableFieldSchema field(String name, String type, String mode) {
    return new TableFieldSchema().setName(name).setType(type).setMode(mode);
  }
}
