package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.BigQuerySchemas;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.junit.jupiter.api.Test;

/**
 * {@code autoMapTables} at launch: where columns can be added for the records' new fields, and what
 * adding them changes in the write (rows as TableRows and JSON load files: an Avro schema is fixed
 * when the pipeline is built).
 */
class WriteSettingsAutoMapTest {
  private static final String SCHEMA = "[{\"name\": \"id\", \"type\": \"STRING\"}]";

  @Test
  void aBatchJobAddsColumnsAndWritesTableRows() {
    for (boolean storageWriteApi : new boolean[] {false, true}) {
      WriteSettings settings = settings(options(storageWriteApi));
      assertTrue(settings.mapsNewFields());
      assertFalse(OutputRowFormat.usesAvro(settings, BigQuerySchemas.parse(SCHEMA, "test")));
      assertFalse(OutputRowFormat.loadsAvroFiles(settings, BigQuerySchemas.parse(SCHEMA, "test")));
    }
  }

  @Test
  void ignoreUnknownValuesContradictsIt() {
    AutoMapOptions options = options(false);
    options.setIgnoreUnknownValues(true);
    assertEquals(
        "parameter 'autoMapTables': adds columns for the fields ignoreUnknownValues would drop; set"
            + " one of the two",
        assertThrows(InvalidParameterException.class, () -> settings(options)).getMessage());
  }

  @Test
  void aStreamingJobFollowsTheTableSchemaToKnowWhenColumnsHaveSettled() {
    AutoMapOptions unfollowed = streaming();
    assertEquals(
        "parameter 'autoMapTables': on a streaming job needs tableSchemaRefreshSeconds too: a"
            + " record with new fields waits until its columns have been in the table for that"
            + " many seconds, so that the writer knows them (try 60)",
        assertThrows(InvalidParameterException.class, () -> settings(unfollowed)).getMessage());

    AutoMapOptions followed = streaming();
    followed.as(SchemaRefreshOptions.class).setTableSchemaRefreshSeconds(30);
    WriteSettings settings = settings(followed);
    assertTrue(settings.mapsNewFields());
    assertTrue(settings.followsTableSchema());
  }

  @Test
  void routedRowsNeedEachTablesOwnSchema() {
    AutoMapOptions oneSchema = options(false);
    oneSchema.setOutputTableNameTemplate("events_{id}");
    assertTrue(
        assertThrows(InvalidParameterException.class, () -> settings(oneSchema))
            .getMessage()
            .contains("it needs each routed table's own schema: leave JSONPath out"));

    AutoMapOptions ownSchemas = options(false);
    ownSchemas.setOutputTableNameTemplate("events_{id}");
    WriteSettings settings =
        WriteSettings.ofTablesOwnSchemas(ownSchemas, "outputTable", "my-project:shop.events");
    assertTrue(settings.mapsNewFields());
    assertTrue(settings.tablesGiveSchemas());
  }

  @Test
  void aStreamingJobFollowsEachRoutedTableToKnowWhenItsColumnsHaveSettled() {
    AutoMapOptions unfollowed = streaming();
    unfollowed.setOutputTableNameTemplate("events_{id}");
    assertTrue(
        assertThrows(
                InvalidParameterException.class,
                () ->
                    WriteSettings.ofTablesOwnSchemas(
                        unfollowed, "outputTable", "my-project:shop.events"))
            .getMessage()
            .startsWith("parameter 'autoMapTables': on a streaming job needs"));

    AutoMapOptions followed = streaming();
    followed.setOutputTableNameTemplate("events_{id}");
    followed.as(SchemaRefreshOptions.class).setTableSchemaRefreshSeconds(30);
    WriteSettings settings =
        WriteSettings.ofTablesOwnSchemas(followed, "outputTable", "my-project:shop.events");
    assertTrue(settings.mapsNewFields());
    assertTrue(settings.followsTableSchema());
  }

  /** An at-least-once streaming job: the Storage Write API's default stream. */
  private static AutoMapOptions streaming() {
    AutoMapOptions options = options(true);
    options.setUseStorageWriteApiAtLeastOnce(true);
    options.as(StreamingOptions.class).setStreaming(true);
    return options;
  }

  private static AutoMapOptions options(boolean storageWriteApi) {
    AutoMapOptions options =
        PipelineOptionsFactory.fromArgs("--useStorageWriteApi=" + storageWriteApi)
            .as(AutoMapOptions.class);
    options.setAutoMapTables(true);
    return options;
  }

  private static WriteSettings settings(AutoMapOptions options) {
    return WriteSettings.of(options, "outputTable", "my-project:shop.events", SCHEMA);
  }
}
