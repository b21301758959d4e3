package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.InvalidParameterException;
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
          + "{\"name\":\"n\",\"type\":\"INTEGER\"}]}";

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
}
