package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whether routed rows' datasets and tables exist, on Beam's in-process BigQuery, with a clock of
 * our own.
 */
class DestinationExistenceTest {
  private static final String TABLE = "my-project:shop.orders_2026";

  private final AtomicLong now = new AtomicLong(1_000_000);
  private FakeDatasetService datasets;

  @BeforeEach
  void emptyDataset() throws Exception {
    FakeDatasetService.setUp();
    datasets = new FakeDatasetService();
    datasets.createDataset("my-project", "shop", "", "", null);
  }

  private DestinationExistence existence(FakeDatasetService services) {
    PipelineOptions options = PipelineOptionsFactory.create();
    BigQueryServicesOverride.install(
        options, new FakeBigQueryServices().withDatasetService(services));
    return DestinationExistence.of(options, now::get);
  }

  @Test
  void aTableCreatedWhileTheJobRunsIsFoundAfterTheRecheckInterval() throws Exception {
    DestinationExistence existence = existence(datasets);
    assertFalse(existence.tableExists(TABLE));

    datasets.createTable(new Table().setTableReference(BigQueryHelpers.parseTableSpec(TABLE)));
    now.addAndGet(DestinationExistence.RECHECK_MISSING_MILLIS - 1);
    assertFalse(
        existence.tableExists(TABLE), "a missing table is not asked again within the interval");
    now.addAndGet(1);
    assertTrue(existence.tableExists(TABLE));
  }

  @Test
  void aTableTheJobCreatedIsLookedUpAgainAtOnce() throws Exception {
    DestinationExistence existence = existence(datasets);
    assertFalse(existence.tableExists(TABLE));

    datasets.createTable(new Table().setTableReference(BigQueryHelpers.parseTableSpec(TABLE)));
    existence.lookUpAgain(TABLE);
    assertTrue(existence.tableExists(TABLE), "within the recheck interval");
  }

  @Test
  void aTableFoundIsNotAskedAgain() throws Exception {
    datasets.createTable(new Table().setTableReference(BigQueryHelpers.parseTableSpec(TABLE)));
    DestinationExistence existence = existence(datasets);
    assertTrue(existence.tableExists(TABLE));

    datasets.deleteTable(BigQueryHelpers.parseTableSpec(TABLE));
    assertTrue(existence.tableExists(TABLE));
  }

  @Test
  void aTablesSchemaIsThatOfItsFirstLookup() throws Exception {
    TableSchema first =
        new TableSchema()
            .setFields(
                new ArrayList<>(List.of(new TableFieldSchema().setName("id").setType("STRING"))));
    datasets.createTable(
        new Table().setTableReference(BigQueryHelpers.parseTableSpec(TABLE)).setSchema(first));
    DestinationExistence existence = existence(datasets);
    assertEquals(first, existence.tableSchema(TABLE));

    TableSchema widened =
        new TableSchema()
            .setFields(
                new ArrayList<>(
                    List.of(
                        new TableFieldSchema().setName("id").setType("STRING"),
                        new TableFieldSchema().setName("n").setType("INT64"))));
    datasets.updateTableSchema(BigQueryHelpers.parseTableSpec(TABLE), widened);
    now.addAndGet(10 * DestinationExistence.RECHECK_MISSING_MILLIS);
    assertEquals(first, existence.tableSchema(TABLE), "looked up once");
    assertNull(existence.tableSchema("my-project:shop.missing"));
  }

  @Test
  void aLookupThatFailsFailsTheBundleInsteadOfDeadLetteringTheRow() {
    FakeDatasetService refusing =
        new FakeDatasetService() {
          @Override
          public Table getTable(TableReference ref) throws IOException {
            throw new IOException("403 Forbidden: Permission bigquery.tables.get denied");
          }
        };

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> existence(refusing).tableExists(TABLE));

    assertEquals(
        "could not look up table my-project:shop.orders_2026 (403 Forbidden: Permission"
            + " bigquery.tables.get denied); the bundle is retried",
        e.getMessage());
  }

  @Test
  void datasetsAreLookedUpAsTablesAre() throws Exception {
    DestinationExistence existence = existence(datasets);
    assertTrue(existence.datasetExists("my-project", "shop"));
    assertFalse(existence.datasetExists("my-project", "tenant_b"));

    datasets.createDataset("my-project", "tenant_b", "", "", null);
    assertFalse(existence.datasetExists("my-project", "tenant_b"));
    now.addAndGet(DestinationExistence.RECHECK_MISSING_MILLIS);
    assertTrue(existence.datasetExists("my-project", "tenant_b"));
  }
}
