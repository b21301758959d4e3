package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bqflex.core.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clustering columns checked against the schema at launch. BigQuery's rules:
 * https://cloud.google.com/bigquery/docs/clustered-tables#limitations (top-level, non-repeated
 * columns of type BIGNUMERIC, BOOL, DATE, DATETIME, GEOGRAPHY, INT64, NUMERIC, RANGE, STRING or
 * TIMESTAMP).
 */
class WriteSettingsClusteringTest {
  private static final String RULE =
      "; BigQuery clusters only by non-repeated columns of type BIGNUMERIC, BOOL, DATE, DATETIME,"
          + " GEOGRAPHY, INT64, NUMERIC, RANGE, STRING, TIMESTAMP";

  private static WriteSettings settings(String clusteringFields) throws IOException {
    String schema =
        Files.readString(Path.of("src/test/resources/WriteSettingsClusteringTest/schema.json"));
    return WriteSettings.of(
        PipelineOptionsFactory.fromArgs("--clusteringFields=" + clusteringFields)
            .as(FileLoadOptions.class),
        "outputTable",
        "my-project:shop.orders",
        schema);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "customer",
        "placed",
        "day",
        "local_time",
        "paid",
        "total",
        "exact_total",
        "store_location",
        "valid",
        "order_id"
      })
  void acceptsTopLevelColumnsOfTheTypesBigQueryClustersBy(String column) throws IOException {
    assertEquals(1, settings(column).clustering().getFields().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"order_id,customer", "ORDER_ID , Customer"})
  void clustersByTheSchemasSpellingOfEachColumn(String fields) throws IOException {
    // Column names are case-insensitive in BigQuery; the table is created with the schema's.
    assertEquals(List.of("Order_Id", "customer"), settings(fields).clustering().getFields());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "weight|column 'weight' is FLOAT64" + RULE,
        "receipt|column 'receipt' is BYTES" + RULE,
        "opening|column 'opening' is TIME" + RULE,
        "extra|column 'extra' is JSON" + RULE,
        "address|column 'address' is STRUCT" + RULE,
        "tags|column 'tags' is REPEATED (an array)" + RULE,
        "address.city|column 'address.city' is not a top-level column of the output table's"
            + " schema",
        "customer,nope|column 'nope' is not a top-level column of the output table's schema"
      })
  void refusesAtLaunchNamingClusteringFields(String fields, String problem) {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> settings(fields));
    assertEquals("parameter 'clusteringFields': " + problem, e.getMessage());
  }
}
