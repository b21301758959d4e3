package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.RecordException;
import io.bqflex.core.RowCheck;
import io.bqflex.core.RowEnricher;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;

/**
 * The last check of a routed row: its table's name can be formed ({@link RowRouting}), or the
 * record is a dead letter at {@link Stage#ROUTE} with its original payload and the reason; so is a
 * row whose dataset or table does not exist where the write cannot make it ({@link
 * DestinationExistence}). A row that passes is counted for its table ({@link
 * RecordCounters#TABLES_NAMESPACE}).
 *
 * <p>Each instance gives its own counter to the first {@link #MAX_TABLE_COUNTERS} tables it sees
 * and counts the rest together under {@link RecordCounters#OTHER_TABLES}: the Dataflow monitoring
 * UI shows every counter a job has, and a template that forms a table per customer would bury the
 * catalog's own under them.
 */
public final class RoutedRowCheck implements RowEnricher, RowCheck {
  private static final long serialVersionUID = 1L;

  static final int MAX_TABLE_COUNTERS = 100;

  private final RowRouting routing;
  private transient Map<String, Counter> counters;

  public RoutedRowCheck(RowRouting routing) {
    this.routing = routing;
  }

  @Override
  public void enrich(SourceRecord record, TableRow row) throws RecordException {
    route(row, record.attributes());
  }

  @Override
  public void check(TableRow row) throws RecordException {
    route(row, null);
  }

  private void route(TableRow row, Map<String, String> attributes) throws RecordException {
    String table;
    try {
      table = routing.checkedTableFor(row, attributes);
    } catch (NameTemplate.NoName e) {
      throw new RecordException(Stage.ROUTE, e.getMessage());
    }
    // Per table, whatever partition: a table has as many partitions as days.
    counterFor(DecoratedTable.baseOf(table)).inc();
  }

  private Counter counterFor(String table) {
    if (counters == null) {
      counters = new HashMap<>();
    }
    Counter counter = counters.get(table);
    if (counter != null) {
      return counter;
    }
    if (counters.size() >= MAX_TABLE_COUNTERS) {
      return RecordCounters.tableCounter(RecordCounters.OTHER_TABLES);
    }
    counter = RecordCounters.tableCounter(table);
    counters.put(table, counter);
    return counter;
  }
}
