package io.bqflex.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dump shows a TIMESTAMP and a DATETIME in one ISO-8601 form whichever way the rows reached
 * Beam's in-process BigQuery: its load job reads Avro files back in BigQuery's Avro export forms
 * ({@code 2026-11-30 09:15:00.25 UTC}, {@code 2026-11-30 09:15:00}), its Storage Write API another
 * ({@code 2026-11-30 T09:15:00.25}).
 */
class LocalBigQueryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void dumpShowsTimestampsAndDatetimesOfEveryWritePathInIsoForm() throws Exception {
    String table = "test-project:shop.orders";
    LocalBigQuery bigQuery =
        LocalBigQuery.installInto(PipelineOptionsFactory.create(), List.of(table));
    FakeDatasetService datasets = new FakeDatasetService();
    TableReference ref =
        new TableReference().setProjectId("test-project").setDatasetId("shop").setTableId("orders");
    datasets.createTable(
        new Table()
            .setTableReference(ref)
            .setSchema(
                new TableSchema()
                    .setFields(
                        List.of(
                            new TableFieldSchema().setName("id").setType("INT64"),
                            new TableFieldSchema().setName("at").setType("TIMESTAMP"),
                            new TableFieldSchema().setName("local").setType("DATETIME")))));
    datasets.insertAll(
        ref,
        List.of(
            new TableRow()
                .set("id", "1")
                .set("at", "2026-11-30 09:15:00.25 UTC")
                .set("local", "2026-11-30 09:15:00"),
            new TableRow()
                .set("id", "2")
                .set("at", "2026-11-30 T09:15:00.25")
                .set("local", "2026-11-30T09:15:00.000001"),
            new TableRow().set("id", "3").set("at", "0001-01-01T00:00:00.000000Z")),
        null);

    assertEquals(3, bigQuery.dump(table, dir));

    List<String> lines =
        Files.readAllLines(dir.resolve("test-project.shop.orders.json"), StandardCharsets.UTF_8);
    JsonNode avroLoad = JSON.readTree(lines.get(0));
    assertEquals("2026-11-30T09:15:00.25Z", avroLoad.get("at").asText());
    assertEquals("2026-11-30T09:15:00", avroLoad.get("local").asText());
    JsonNode storageWrite = JSON.readTree(lines.get(1));
    assertEquals("2026-11-30T09:15:00.25Z", storageWrite.get("at").asText());
    assertEquals("2026-11-30T09:15:00.000001", storageWrite.get("local").asText());
    assertEquals("0001-01-01T00:00:00.000000Z", JSON.readTree(lines.get(2)).get("at").asText());
  }
}
