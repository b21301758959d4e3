package io.bqflex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness on a tiny input: every end-to-end load really loads every row, and the
 * summary holds every figure and the ratios issue 4 asks for. Timings are not asserted.
 */
class BenchHarnessTest {
  private static final int ROWS = 1_000;

  @TempDir Path dir;

  @Test
  void endToEndLoadsEveryRowAndSummaryHasEveryRatioComputedFromItsFigures() throws Exception {
    Map<String, EndToEndFigure> endToEnd =
        new EndToEndBench(
                dir.resolve("e2e"), ROWS, 0, new PrintStream(OutputStream.nullOutputStream()))
            .run();

    assertEquals(
        List.of("e2e_csv_minimal", "e2e_csv_ours", "e2e_json_minimal", "e2e_json_ours"),
        List.copyOf(endToEnd.keySet()));
    endToEnd.forEach(
        (name, load) -> {
          assertEquals(ROWS, load.records(), name + " records");
          assertEquals(ROWS, load.rowsInTable(), name + " rows in the table");
          assertTrue(load.seconds() > 0, name + " seconds");
        });

    Path file = dir.resolve("summary.json");
    new BenchSummary(perRecordFigures(), endToEnd, Map.of("e2e_rows", ROWS)).writeTo(file);
    JsonNode summary = new ObjectMapper().readTree(file.toFile());

    for (String key :
        List.of(
            "json_vs_tablerowjsoncoder",
            "json_vs_jackson_tree",
            "csv_vs_commons_csv",
            "avro_vs_avro_reader",
            "udf_vs_shared_nashorn_2t",
            "e2e_csv_vs_minimal",
            "e2e_json_vs_minimal")) {
      assertTrue(summary.get(key).isNumber(), key + " is a number in " + summary);
    }
    assertEquals(2.0, summary.get("json_vs_tablerowjsoncoder").asDouble());
    assertEquals(0.5, summary.get("json_vs_jackson_tree").asDouble());
    assertEquals(3.0, summary.get("udf_vs_shared_nashorn_2t").asDouble());
    assertEquals(0.25, summary.get("avro_vs_avro_reader").asDouble());
    assertTrue(summary.at("/targets/json_vs_tablerowjsoncoder/met").asBoolean());
    assertTrue(summary.at("/targets/udf_vs_shared_nashorn_2t/met").asBoolean());
    assertEquals(40, summary.at("/jmh_error_99_9_records_per_second/json_ours").asLong());

    JsonNode rates = summary.get("records_per_second");
    double csvRatio =
        rates.get("e2e_csv_ours").asDouble() / rates.get("e2e_csv_minimal").asDouble();
    assertEquals(csvRatio, summary.get("e2e_csv_vs_minimal").asDouble(), 0.01 * csvRatio);
    assertEquals(ROWS, summary.at("/end_to_end/e2e_json_ours/rows_in_table").asLong());
    assertFalse(summary.at("/jmh_error_99_9_records_per_second").has("e2e_json_ours"));
  }

  @Test
  void avroBenchmarkConvertsEveryRecordItDecodes() throws Exception {
    AvroToRowBenchmark benchmark = new AvroToRowBenchmark();
    benchmark.setUp();

    for (int i = 0; i < 1024; i++) {
      TableRow row = benchmark.ours();
      assertEquals(Long.toString(i + 1), row.get("id"));
      assertTrue(((String) row.get("ordered_at")).startsWith("2026-11-"), row.toString());
      assertTrue(((String) row.get("delivery_date")).startsWith("2026-12-"), row.toString());
      assertTrue(row.get("shipping") instanceof TableRow, row.toString());
    }
    assertEquals("1", benchmark.ours().get("id"));
    assertEquals(10, benchmark.avroReader().getSchema().getFields().size());
  }

  @Test
  void missingFigureLeavesItsRatioNullAndItsTargetUnmet() {
    Map<String, Figure> onlyOurs = Map.of("json_ours", Figure.once(100));
    JsonNode summary = new BenchSummary(onlyOurs, Map.of(), Map.of()).toJson();

    assertTrue(summary.get("json_vs_tablerowjsoncoder").isNull());
    assertFalse(summary.at("/targets/json_vs_tablerowjsoncoder/met").asBoolean());
  }

  /** Made-up JMH figures with known ratios: the harness's arithmetic, not a measurement. */
  private static Map<String, Figure> perRecordFigures() {
    Map<String, Figure> figures = new LinkedHashMap<>();
    figures.put("json_ours", new Figure(1000, 40));
    figures.put("json_jackson_tree", new Figure(2000, 40));
    figures.put("json_tablerowjsoncoder", new Figure(500, 40));
    figures.put("csv_ours", new Figure(1000, 40));
    figures.put("csv_commons_csv", new Figure(800, 40));
    figures.put("csv_commons_csv_streaming", new Figure(4000, 40));
    figures.put("avro_ours", new Figure(250, 10));
    figures.put("avro_reader", new Figure(1000, 10));
    figures.put("udf_ours_1t", new Figure(300, 10));
    figures.put("udf_shared_nashorn_1t", new Figure(300, 10));
    figures.put("udf_ours_2t", new Figure(600, 10));
    figures.put("udf_shared_nashorn_2t", new Figure(200, 10));
    return figures;
  }
}
