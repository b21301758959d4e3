package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.core.RowCheck;
import io.bqflex.core.RowEnricher;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import java.util.Map;

/**
 * The last check of a routed row: its table's name can be formed ({@link RowRouting}), or the
 * record is a dead letter at {@link Stage#ROUTE} with its original payload and the reason; so is a
 * row whose dataset or table does not exist where the write cannot make it ({@link
 * DestinationExistence}). A row that passes is counted for its table ({@link TableCounters}).
 */
public final class RoutedRowCheck implements RowEnricher, RowCheck {
  private static final long serialVersionUID = 1L;

  private final RowRouting routing;
  private transient TableCounters counters;

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
    if (counters == null) {
      counters = new TableCounters();
    }
    counters.count(table);
  }
}
