package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.local.LocalBigQuery;
import io.bqflex.pipeline.RecordCounts;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A row that passed our checks but that BigQuery refuses at write time is a dead letter too. */
class BigQueryRejectionTest {
  private static final String FIXTURES = "src/test/resources/GcsJsonToBigQueryTest/";

  @TempDir Path dir;

  @Test
  void deadLettersRowsBigQueryRejectsOnTheStorageWriteApi() throws Exception {
    String table = "test-project:rejections.events";
    GcsJsonToBigQuery template = new GcsJsonToBigQuery();
    GcsJsonToBigQuery.Options options =
        PipelineOptionsFactory.fromArgs(
                "--inputFilePattern=" + FIXTURES + "mixed.json",
                "--JSONPath=" + FIXTURES + "schema.json",
                "--outputTable=" + table,
                "--useStorageWriteApi=true",
                "--project=test-project",
                "--tempLocation=" + dir)
            .as(GcsJsonToBigQuery.Options.class);
    options.setRunner(DirectRunner.class);
    options.as(GcpOptions.class).setCredentialFactoryClass(NoopCredentialFactory.class);
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    datasets.setShouldFailRow(
        (Function<TableRow, Boolean> & Serializable) row -> "b".equals(row.get("event_id")));
    TemplateRun.RunOnFakes run = TemplateRun.runToEnd(template, options, datasets);

    RecordCounts counts = run.counts();
    LocalBigQuery bigQuery = run.bigQuery();
    assertEquals(12, counts.read());
    assertEquals(1, counts.written(), "of the 2 valid rows, BigQuery refused one");
    assertEquals(11, counts.deadLettered());
    assertTrue(counts.balanced());
    List<TableRow> written = bigQuery.rows(table);
    assertEquals(1, written.size());
    TableRow rejected =
        bigQuery.rows(table + "_error_records").stream()
            .filter(r -> "WRITE".equals(r.get("stage")))
            .findFirst()
            .orElseThrow();
    assertTrue(String.valueOf(rejected.get("errormessage")).startsWith("BigQuery rejected"));
    assertTrue(String.valueOf(rejected.get("payloadstring")).contains("\"b\""));
  }
}
