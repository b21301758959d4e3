package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQuerySchemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The output table's schema as a running job follows it, on Beam's in-process BigQuery (its {@code
 * updateTableSchema} standing in for {@code ALTER TABLE ... ADD COLUMN}), with a clock of our own.
 */
class FollowedTableSchemaTest {
  private static final String TABLE = "my-project:shop.events";
  private static final TableReference REF = BigQueryHelpers.parseTableSpec(TABLE);
  private static final long PERIOD = 30_000;
  private static final String LAUNCH =
      "[{\"name\": \"id\", \"type\": \"STRING\"}, {\"name\": \"n\", \"type\": \"INT64\"}]";

  private final AtomicLong now = new AtomicLong(1_000_000);
  private FakeDatasetService datasets;

  @BeforeEach
  void tableWithTheLaunchSchema() throws Exception {
    FakeDatasetService.setUp();
    FollowedTableSchema.forgetAll();
    datasets = new FakeDatasetService();
    datasets.createDataset("my-project", "shop", "", "", null);
    datasets.createTable(new Table().setTableReference(REF).setSchema(schema(LAUNCH)));
  }

  private FollowedTableSchema followed(FakeDatasetService services) {
    PipelineOptions options = PipelineOptionsFactory.create();
    BigQueryServicesOverride.install(
        options, new FakeBigQueryServices().withDatasetService(services));
    return FollowedTableSchema.of(options, TABLE, LAUNCH, PERIOD, now::get);
  }

  @Test
  void aColumnAddedWhileTheJobRunsIsConvertedIntoOnceItIsAPeriodOld() throws Exception {
    FollowedTableSchema followed = followed(datasets);
    assertEquals(List.of("id", "n"), names(followed.schema()));

    // ALTER TABLE ... ADD COLUMN channel, just after the first read.
    now.addAndGet(1_000);
    datasets.updateTableSchema(REF, widened());
    now.addAndGet(PERIOD - 1_000);
    assertEquals(List.of("id", "n"), names(followed.schema()), "read now, not yet a period old");
    now.addAndGet(PERIOD - 1);
    assertEquals(List.of("id", "n"), names(followed.schema()), "no read within the period");
    now.addAndGet(1);
    assertEquals(List.of("id", "n", "channel"), names(followed.schema()));
  }

  @Test
  void everyConverterOfTheJvmSharesOneReadPerPeriod() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    FakeDatasetService counting =
        new FakeDatasetService() {
          @Override
          public Table getTable(TableReference ref) throws IOException, InterruptedException {
            reads.incrementAndGet();
            return super.getTable(ref);
          }
        };
    FollowedTableSchema first = followed(counting);
    FollowedTableSchema second = followed(counting);

    first.schema();
    second.schema();
    now.addAndGet(PERIOD);
    second.schema();
    first.schema();

    assertEquals(2, reads.get());
  }

  @Test
  void theSameSchemaIsTheSameInstanceSoFormatsAreNotMadeAgain() {
    FollowedTableSchema followed = followed(datasets);
    TableSchema before = followed.schema();
    for (int period = 0; period < 3; period++) {
      now.addAndGet(PERIOD);
      followed.schema();
    }
    TableSchema after = followed.schema();
    assertEquals(names(before), names(after));
    now.addAndGet(PERIOD);
    assertSame(after, followed.schema(), "an unchanged table gives the schema it gave");
  }

  @Test
  void aTableNotYetCreatedKeepsTheLaunchSchemaUntilItIs() throws Exception {
    datasets.deleteTable(REF);
    FollowedTableSchema followed = followed(datasets);
    assertEquals(List.of("id", "n"), names(followed.schema()));

    datasets.createTable(new Table().setTableReference(REF).setSchema(widened()));
    now.addAndGet(PERIOD);
    assertEquals(List.of("id", "n"), names(followed.schema()));
    now.addAndGet(PERIOD);
    assertEquals(List.of("id", "n", "channel"), names(followed.schema()));
  }

  @Test
  void aReadThatFailsKeepsTheSchemaAndIsTriedAgainAPeriodLater() throws Exception {
    AtomicInteger failures = new AtomicInteger(2);
    FakeDatasetService flaky =
        new FakeDatasetService() {
          @Override
          public Table getTable(TableReference ref) throws IOException, InterruptedException {
            if (failures.getAndDecrement() > 0) {
              throw new IOException("503 Service Unavailable");
            }
            return super.getTable(ref);
          }
        };
    datasets.updateTableSchema(REF, widened());
    FollowedTableSchema followed = followed(flaky);

    for (int period = 0; period < 3; period++) {
      assertEquals(List.of("id", "n"), names(followed.schema()), "period " + period);
      now.addAndGet(PERIOD);
    }
    assertEquals(List.of("id", "n", "channel"), names(followed.schema()));
  }

  /**
   * A routed table whose own schema converts its rows is followed from when it was found: read
   * again a period later, a column seen then converted into a period after that.
   */
  @Test
  void aRoutedTableIsFollowedFromWhenItWasFound() throws Exception {
    PipelineOptions options = PipelineOptionsFactory.create();
    BigQueryServicesOverride.install(
        options, new FakeBigQueryServices().withDatasetService(datasets));
    RoutedSchemaFollowing following = new RoutedSchemaFollowing(options, PERIOD, now::get);
    TableSchema found = datasets.getTable(REF).getSchema();
    assertSame(found, following.schemaOf(TABLE, found), "as found, until a period has passed");

    datasets.updateTableSchema(REF, widened());
    now.addAndGet(PERIOD - 1);
    assertEquals(List.of("id", "n"), names(following.schemaOf(TABLE, found)), "no read yet");
    now.addAndGet(1);
    assertEquals(List.of("id", "n"), names(following.schemaOf(TABLE, found)), "read, not settled");
    now.addAndGet(PERIOD);
    assertEquals(List.of("id", "n", "channel"), names(following.schemaOf(TABLE, found)));
  }

  @Test
  void addedColumnsAreTheTopLevelNamesTheOldSchemaLacksInAnyCase() {
    TableSchema before = schema("[{\"name\": \"Id\", \"type\": \"STRING\"}]");
    TableSchema after =
        schema(
            "[{\"name\": \"id\", \"type\": \"STRING\"}, {\"name\": \"channel\", \"type\":"
                + " \"STRING\"}]");
    assertEquals(List.of("channel"), FollowedTableSchema.addedColumns(before, after));
  }

  private static TableSchema widened() {
    TableSchema schema = schema(LAUNCH);
    schema.getFields().add(new TableFieldSchema().setName("channel").setType("STRING"));
    return schema;
  }

  private static TableSchema schema(String json) {
    return BigQuerySchemas.parse(json, "test");
  }

  private static List<String> names(TableSchema schema) {
    List<String> names = new ArrayList<>();
    schema.getFields().forEach(field -> names.add(field.getName()));
    return names;
  }
}
