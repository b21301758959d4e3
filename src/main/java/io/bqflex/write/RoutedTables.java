package io.bqflex.write;

import com.google.api.services.bigquery.model.TimePartitioning;
import io.bqflex.core.OutputRow;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.TableDestination;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.ValueInSingleWindow;

/**
 * BigQueryIO's destination of each routed row: the table {@link RowRouting} names, created (when
 * missing) with the parameters' time partitioning.
 *
 * <p>Every row that reaches the writer has passed {@link RoutedRowCheck}, which forms the same name
 * from the same row (or the conversion of routed tables that give their schemas, which forms it
 * from the same record): a row whose name cannot be formed is a dead letter before it gets here, so
 * a failure here is a bug, and fails loudly.
 */
final class RoutedTables
    implements SerializableFunction<ValueInSingleWindow<OutputRow>, TableDestination> {
  private static final long serialVersionUID = 1L;

  private final RowRouting routing;

  /** TimePartitioning is not Serializable: kept as the JSON BigQueryIO reads anyway. */
  private final String jsonTimePartitioning;

  RoutedTables(RowRouting routing, TimePartitioning timePartitioning) {
    this.routing = routing;
    this.jsonTimePartitioning =
        timePartitioning == null ? null : BigQueryHelpers.toJsonString(timePartitioning);
  }

  @Override
  public TableDestination apply(ValueInSingleWindow<OutputRow> input) {
    OutputRow row = input.getValue();
    try {
      String table = row.table();
      if (table == null) {
        if (routing.tablesGiveSchemas()) {
          throw new IllegalStateException(
              "a row reached the writer without the table its conversion named: " + row);
        }
        table = routing.tableFor(row);
      }
      return new TableDestination(table, null, jsonTimePartitioning, (String) null);
    } catch (NameTemplate.NoName e) {
      throw new IllegalStateException(
          "a row reached the writer without passing the table-name check: " + e.getMessage(), e);
    }
  }
}
