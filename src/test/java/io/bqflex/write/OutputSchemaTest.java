package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutputSchemaTest {
  private final FakeDatasetService datasets = new FakeDatasetService();
  private BigQueryOutputOptions options;

  @BeforeEach
  void inProcessBigQueryWithOneTable() throws Exception {
    FakeDatasetService.setUp();
    datasets.createDataset("test-project", "schemas", "", "", null);
    datasets.createTable(
        new Table()
            .setTableReference(BigQueryHelpers.parseTableSpec("test-project:schemas.existing"))
            .setSchema(
                new TableSchema()
                    .setFields(List.of(new TableFieldSchema().setName("id").setType("INTEGER")))));
    options = PipelineOptionsFactory.create().as(BigQueryOutputOptions.class);
    BigQueryServicesOverride.install(
        options, new FakeBigQueryServices().withDatasetService(datasets));
  }

  @Test
  void usesTheExistingTablesSchemaWhenNoSchemaFileIsGiven() {
    TableSchema schema =
        OutputSchema.resolve(options, "outputTable", "test-project:schemas.existing");
    assertEquals("id", schema.getFields().get(0).getName());
  }

  /**
   * Beam 2.73's Storage Write API conversion has no RANGE, and streaming jobs have no other method:
   * the launch is refused naming the column and where the schema came from.
   */
  @Test
  void refusesARangeColumnOfTheExistingTableInAStreamingJob() throws Exception {
    datasets.createTable(
        new Table()
            .setTableReference(BigQueryHelpers.parseTableSpec("test-project:schemas.ranges"))
            .setSchema(
                new TableSchema()
                    .setFields(
                        List.of(
                            new TableFieldSchema()
                                .setName("valid")
                                .setType("RANGE")
                                .setRangeElementType(
                                    new TableFieldSchema.RangeElementType().setType("DATE"))))));
    options.as(StreamingOptions.class).setStreaming(true);

    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> OutputSchema.resolve(options, "outputTableSpec", "test-project:schemas.ranges"));

    assertEquals("outputTableSpec", e.parameter());
    assertTrue(e.getMessage().contains("column 'valid' is a RANGE"), e.getMessage());
    assertTrue(e.getMessage().contains("streaming jobs write only through it"), e.getMessage());
  }

  @Test
  void checksTheExistingTablesSchemaAsItChecksAFile() throws Exception {
    datasets.createTable(
        new Table()
            .setTableReference(BigQueryHelpers.parseTableSpec("test-project:schemas.open_ranges"))
            .setSchema(
                new TableSchema()
                    .setFields(List.of(new TableFieldSchema().setName("valid").setType("RANGE")))));

    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> OutputSchema.resolve(options, "outputTable", "test-project:schemas.open_ranges"));

    assertEquals("outputTable", e.parameter());
    assertTrue(
        e.getMessage().contains("field 'valid': a RANGE needs \"rangeElementType\""),
        e.getMessage());
  }

  /**
   * INTERVAL has no Storage Write API conversion in Beam 2.73 either, and is refused the same way.
   */
  @Test
  void refusesAnIntervalColumnOfTheExistingTableInAStreamingJob() throws Exception {
    datasets.createTable(
        new Table()
            .setTableReference(BigQueryHelpers.parseTableSpec("test-project:schemas.intervals"))
            .setSchema(
                new TableSchema()
                    .setFields(
                        List.of(new TableFieldSchema().setName("took").setType("INTERVAL")))));
    options.as(StreamingOptions.class).setStreaming(true);

    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> OutputSchema.resolve(options, "outputTable", "test-project:schemas.intervals"));

    assertEquals("outputTable", e.parameter());
    assertEquals(
        "parameter 'outputTable': column 'took' is an INTERVAL, which Beam's Storage Write API"
            + " writer cannot convert; streaming jobs write only through it, so load INTERVAL"
            + " columns in batch",
        e.getMessage());
  }

  @Test
  void asksForASchemaFileWhenTheTableDoesNotExist() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> OutputSchema.resolve(options, "outputTable", "test-project:schemas.missing"));
    assertEquals("JSONPath", e.parameter());
    assertTrue(e.getMessage().contains("test-project:schemas.missing"), e.getMessage());
  }

  @Test
  void namesTheSchemaFileParameterWhenTheFileIsBroken() {
    options.setJSONPath("src/test/resources/OutputSchemaTest/broken-schema.json");
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> OutputSchema.resolve(options, "outputTable", "test-project:schemas.existing"));
    assertEquals("JSONPath", e.parameter());
  }
}
