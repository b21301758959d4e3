package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import io.bqflex.rows.BigQuerySchemas;
import java.io.Closeable;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.junit.jupiter.api.Test;

/** The last check of a routed row: a dead letter when it cannot be named, counted per table. */
class RoutedRowCheckTest {
  private static final String DEAD_LETTERS = "my-project:d.t_error_records";

  private static RoutedRowCheck check() {
    NameTemplate names =
        NameTemplate.forTables("t_{kind}")
            .check(BigQuerySchemas.parse("[{\"name\":\"kind\",\"type\":\"STRING\"}]", "schema"));
    return new RoutedRowCheck(
        RowRouting.of(
            "outputTable",
            DecoratedTable.parse("outputTable", "my-project:d.t"),
            null,
            names,
            DEAD_LETTERS,
            null,
            false,
            false));
  }

  private static long rows(MetricsContainerImpl container, String table) {
    return container
        .getCounter(MetricName.named(RecordCounters.TABLES_NAMESPACE, table))
        .getCumulative();
  }

  @Test
  void theFirstHundredTablesHaveACounterEachAndTheRestShareOne() throws Exception {
    RoutedRowCheck check = check();
    MetricsContainerImpl container = new MetricsContainerImpl("route");
    try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(container)) {
      for (int i = 0; i < TableCounters.MAX_TABLE_COUNTERS + 5; i++) {
        check.check(new TableRow().set("kind", "k" + i));
      }
      // A table that has its counter keeps it after the cap is reached.
      check.check(new TableRow().set("kind", "k0"));
    }
    assertEquals(2, rows(container, "my-project:d.t_k0"));
    assertEquals(1, rows(container, "my-project:d.t_k99"));
    assertEquals(0, rows(container, "my-project:d.t_k100"));
    assertEquals(5, rows(container, RecordCounters.OTHER_TABLES));
  }

  @Test
  void aRowWithoutANameOrNamedAsTheDeadLetterTableFailsAtTheRouteStage() {
    RecordException unnamed =
        assertThrows(RecordException.class, () -> check().check(new TableRow()));
    assertEquals(Stage.ROUTE, unnamed.stage());
    RecordException deadLetterTable =
        assertThrows(
            RecordException.class,
            () -> check().check(new TableRow().set("kind", "error_records")));
    assertEquals(Stage.ROUTE, deadLetterTable.stage());
    assertEquals(
        "the row's table, my-project:d.t_error_records, is the dead-letter table, which takes"
            + " dead letters only",
        deadLetterTable.getMessage());
  }
}
