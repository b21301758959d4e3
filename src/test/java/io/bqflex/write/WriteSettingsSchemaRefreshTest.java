package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.BigQuerySchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * {@code tableSchemaRefreshSeconds} at launch: where a running job can follow its table's schema,
 * and what following changes in the write. Beam's auto schema update works on the Storage Write API
 * only (BigQueryIO.Write#withAutoSchemaUpdate); a load job's schema is its own.
 */
class WriteSettingsSchemaRefreshTest {
  private static final String SCHEMA = "[{\"name\": \"id\", \"type\": \"STRING\"}]";

  @Test
  void aStreamingJobFollowsItsTableThroughTableRows() {
    WriteSettings settings = settings(30, true, null);

    assertTrue(settings.followsTableSchema());
    assertEquals(30, settings.schemaRefreshSeconds());
    assertFalse(
        OutputRowFormat.usesAvro(settings, BigQuerySchemas.parse(SCHEMA, "test")),
        "an Avro record's schema is fixed when the pipeline is built");
  }

  @Test
  void unsetOrZeroKeepsTheLaunchSchemaAndTheAvroRows() {
    for (Integer seconds : new Integer[] {null, 0}) {
      WriteSettings settings = settings(seconds, true, null);
      assertFalse(settings.followsTableSchema());
      assertTrue(OutputRowFormat.usesAvro(settings, BigQuerySchemas.parse(SCHEMA, "test")));
    }
  }

  @Test
  void loadJobsAreRefusedNamingTheParameter() {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> settings(30, false, null));
    assertEquals(
        "parameter 'tableSchemaRefreshSeconds': needs the Storage Write API: BigQuery load jobs"
            + " take no new columns",
        e.getMessage());
  }

  @Test
  void routedRowsFollowEachTablesOwnSchemaOnly() {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> settings(30, true, "events_{id}"));
    assertEquals(
        "parameter 'tableSchemaRefreshSeconds': follows each routed table's own schema, and with"
            + " JSONPath every routed table's rows are converted against that one schema: leave"
            + " JSONPath out, and each table's rows are converted against its schema as it is read"
            + " every 30 s",
        e.getMessage());

    SchemaRefreshOptions ownSchemas =
        PipelineOptionsFactory.fromArgs("--streaming=true", "--numStorageWriteApiStreams=2")
            .as(SchemaRefreshOptions.class);
    ownSchemas.setTableSchemaRefreshSeconds(30);
    ownSchemas.setOutputTableNameTemplate("events_{id}");
    WriteSettings settings =
        WriteSettings.ofTablesOwnSchemas(ownSchemas, "outputTableSpec", "my-project:shop.events");
    assertTrue(settings.followsTableSchema());
    assertTrue(settings.tablesGiveSchemas());
  }

  @Test
  void aNegativePeriodIsRefused() {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> settings(-5, true, null));
    assertTrue(e.getMessage().contains("-5 is negative"), e.getMessage());
  }

  @Test
  void exactlyOnceJobsNeedAFixedNumberOfStreams() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> settings(30, true, null, "--numStorageWriteApiStreams=0"));
    assertTrue(e.getMessage().contains("needs numStorageWriteApiStreams"), e.getMessage());
    // At least once, every thread of a worker shares the default stream's client.
    assertTrue(
        settings(30, true, null, "--experiments=streaming_mode_at_least_once")
            .followsTableSchema());
  }

  @Test
  void exactlyOnceJobsFollowMoreSlowlyThanTheirStreamsCommit() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> settings(5, true, null, "--numStorageWriteApiStreams=2"));
    assertEquals(
        "parameter 'tableSchemaRefreshSeconds': 5 s is not longer than"
            + " storageWriteApiTriggeringFrequencySec (5 s): an exactly-once job's streams write,"
            + " and learn of new columns, once per that period; give more seconds, or commit more"
            + " often",
        e.getMessage());
    assertTrue(
        settings(
                2,
                true,
                null,
                "--numStorageWriteApiStreams=2",
                "--storageWriteApiTriggeringFrequencySec=1")
            .followsTableSchema());
    // At least once, rows are appended as they come.
    assertTrue(
        settings(5, true, null, "--experiments=streaming_mode_at_least_once").followsTableSchema());
  }

  private static WriteSettings settings(Integer seconds, boolean streaming, String tableTemplate) {
    return settings(seconds, streaming, tableTemplate, "--numStorageWriteApiStreams=2");
  }

  private static WriteSettings settings(
      Integer seconds, boolean streaming, String tableTemplate, String... args) {
    List<String> all = new ArrayList<>(List.of("--streaming=" + streaming));
    all.addAll(List.of(args));
    SchemaRefreshOptions options =
        PipelineOptionsFactory.fromArgs(all.toArray(String[]::new)).as(SchemaRefreshOptions.class);
    options.setTableSchemaRefreshSeconds(seconds);
    options.setOutputTableNameTemplate(tableTemplate);
    return WriteSettings.of(options, "outputTableSpec", "my-project:shop.events", SCHEMA);
  }
}
