package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.InvalidParameterException;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * What a partition decorator on the output table hands BigQueryIO, and what is refused at launch.
 * Decorators: https://cloud.google.com/bigquery/docs/managing-partitioned-table-data.
 */
class WriteSettingsPartitionTest {
  private static final String SCHEMA =
      "{\"fields\":[{\"name\":\"id\",\"type\":\"STRING\"},"
          + "{\"name\":\"Event_Time\",\"type\":\"TIMESTAMP\"},"
          + "{\"name\":\"n\",\"type\":\"INTEGER\"},"
          + "{\"name\":\"sent\",\"type\":\"TIMESTAMP\"}]}";

  private static WriteSettings settings(String table, String... args) {
    return WriteSettings.of(
        PipelineOptionsFactory.fromArgs(args).as(FileLoadOptions.class),
        "outputTable",
        table,
        SCHEMA);
  }

  private static InvalidParameterException refused(String table, String... args) {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> settings(table, args));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e;
  }

  @Test
  void loadJobsGetTheDecoratedPartitionAndTheStorageWriteApiTheBaseTable() {
    assertEquals("test-project:d.t$20240101", settings("test-project:d.t$20240101").destination());
    assertEquals(
        "test-project:d.t",
        settings(
                "test-project:d.t$20240101",
                "--useStorageWriteApi=true",
                "--timePartitioningField=event_time")
            .destination());
    assertEquals("test-project:d.t", settings("test-project:d.t").destination());
  }

  @Test
  void writeTruncateOfAPartitionIsHandedToTheLoadJobWithTheDecoratedName() {
    // A load job with WRITE_TRUNCATE into t$20240101 replaces that partition only.
    WriteSettings truncating =
        settings("test-project:d.t$20240101", "--writeDisposition=WRITE_TRUNCATE");
    assertEquals("test-project:d.t$20240101", truncating.destination());
    assertEquals(WriteDisposition.WRITE_TRUNCATE, truncating.writeDisposition());
  }

  @Test
  void writeTruncateOfAPartitionOnTheStorageWriteApiIsRefused() {
    // It writes the base table: a truncation there would replace every partition.
    assertEquals(
        "writeDisposition",
        refused(
                "test-project:d.t$20240101",
                "--useStorageWriteApi=true",
                "--timePartitioningField=event_time",
                "--writeDisposition=WRITE_TRUNCATE")
            .parameter());
  }

  @Test
  void defaultDeadLetterTableIsNamedAfterTheBaseTable() {
    assertEquals(
        "test-project:d.t_error_records", settings("test-project:d.t$20240101").deadLetterTable());
    assertEquals("test-project:d.t_error_records", settings("test-project:d.t").deadLetterTable());
  }

  @Test
  void deadLetterTableThatIsTheOutputTableIsRefused() {
    for (String deadLetters :
        new String[] {"test-project:d.t", "test-project.d.t", "test-project:d.t$20240102"}) {
      assertEquals(
          "outputDeadletterTable",
          refused("test-project:d.t$20240101", "--outputDeadletterTable=" + deadLetters)
              .parameter());
    }
    assertEquals(
        "outputDeadletterTable",
        refused("test-project:d.t", "--outputDeadletterTable=test-project.d.t").parameter());
    assertEquals(
        "test-project:d.errors",
        settings("test-project:d.t$20240101", "--outputDeadletterTable=test-project:d.errors")
            .deadLetterTable());
  }

  @Test
  void decoratorOfAnotherGranularityThanTheTablesIsRefused() {
    InvalidParameterException e =
        refused(
            "test-project:d.t$2024",
            "--timePartitioningField=event_time",
            "--timePartitioningType=DAY");
    assertEquals("outputTable", e.parameter());
    assertTrue(e.getMessage().contains("YEAR"), e.getMessage());
    assertNotNull(
        settings(
                "test-project:d.t$2024",
                "--timePartitioningField=event_time",
                "--timePartitioningType=YEAR")
            .partitionCheck());
  }

  @Test
  void ingestionTimeDecoratorOnTheStorageWriteApiIsRefused() {
    for (String method : new String[] {"--useStorageWriteApi=true", "--streaming=true"}) {
      InvalidParameterException e = refused("test-project:d.t$20240101", method);
      assertEquals("outputTable", e.parameter());
      assertTrue(e.getMessage().contains("partition decorators need FILE_LOADS"), e.getMessage());
    }
  }

  @Test
  void decoratorWithoutPartitioningColumnOnLoadJobsChecksNoRows() {
    // Nothing to check a row against: the load job writes the partition, BigQuery decides.
    assertNull(settings("test-project:d.t$20240101").partitionCheck());
  }

  @Test
  void malformedDecoratorIsRefusedNamingTheOutputTable() {
    assertEquals("outputTable", refused("test-project:d.t$20240101_error_records").parameter());
    assertEquals("outputTable", refused("test-project:d.t$20240230").parameter());
  }

  @Test
  void partitioningColumnMustBeATimeColumnOfTheSchema() {
    assertEquals(
        "timePartitioningField",
        refused("test-project:d.t$20240101", "--timePartitioningField=missing").parameter());
    assertEquals(
        "timePartitioningField",
        refused("test-project:d.t$20240101", "--timePartitioningField=n").parameter());
  }

  /**
   * A decorator formed from each row ({@code outputTableNameTemplate}) is a load job's, and must
   * name the partitions of the partitioning column: a load into a column-partitioned table's
   * partition must hold that partition's values only
   * (https://cloud.google.com/bigquery/docs/load-data-partitioned-tables).
   */
  @Test
  void rowsNamePartitionsOfTheirPartitioningColumnOnLoadJobsOnly() {
    String template = "--outputTableNameTemplate=t_{id}${event_time:yyyyMMdd}";
    String partitioned = "--timePartitioningField=event_time";
    WriteSettings settings =
        settings(
            "test-project:d.t",
            template,
            partitioned,
            "--writeDisposition=WRITE_TRUNCATE",
            "--schemaUpdateOptions=ALLOW_FIELD_ADDITION");
    assertTrue(settings.routing().decoratesPartitions());
    assertEquals(
        "test-project:d.t_a$20261203",
        assertDoesNotThrow(
            () ->
                settings
                    .routing()
                    .tableFor(
                        Map.of("id", "a", "Event_Time", "2026-12-03T10:00:00.000000Z"), null)));

    assertTrue(
        refused("test-project:d.t", template, partitioned, "--useStorageWriteApi=true")
            .getMessage()
            .contains("which needs FILE_LOADS"));
    assertEquals(
        "parameter 'outputTableNameTemplate': 't_{id}${event_time:yyyyMMdd}' names partitions by"
            + " column Event_Time, which needs timePartitioningField=Event_Time: its tables are"
            + " partitioned by that column, and each load holds one partition's values",
        refused("test-project:d.t", template).getMessage());
    assertTrue(
        refused("test-project:d.t", "--outputTableNameTemplate=t${n:yyyyMMdd}", partitioned)
            .getMessage()
            .contains("gives a pattern for INTEGER column n"));
    assertTrue(
        refused("test-project:d.t", template, partitioned, "--timePartitioningType=MONTH")
            .getMessage()
            .contains("of type DAY, but timePartitioningType is MONTH"));
    assertTrue(
        refused("test-project:d.t", "--outputTableNameTemplate=t${sent:yyyyMMdd}", partitioned)
            .getMessage()
            .contains("by column sent, but the tables are partitioned by Event_Time"));
  }
}
