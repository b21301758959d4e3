package io.bqflex.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's {@code summary.json}: every rate, and each ratio of ours to its baseline (above 1
 * means ours is faster) at the top level under the names issues 4 and 11 use, with its target; the
 * split read, small files and property test figures of issue 11 beside them, and the bytes
 * allocated per record where JMH's GC profiler measured them. A part that did not run leaves its
 * keys null (and its target unmet).
 */
final class BenchSummary {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** ours / baseline, by figure name; {@code target} null where issue 4 sets none. */
  record Ratio(String key, String ours, String baseline, Double target) {}

  /**
   * Which of our paths the ratios take as "ours". Since issue 12 the templates hand BigQueryIO Avro
   * records where the table has an Avro form, as the benchmark's table has: on the Storage Write
   * API, and on FILE_LOADS, whose temp files are then Avro. The TableRow paths stay measured beside
   * them.
   */
  static final String OURS_STORAGE_PATH = "ours_avro";

  static final String OURS_LOAD_FILE_PATH = "ours_avro";

  /** Issue 12's target for a record to the bytes BigQueryIO hands on, ours against Google's. */
  static final double STORAGE_BYTES_TARGET = 1.5;

  static final List<Ratio> RATIOS =
      List.of(
          new Ratio("json_vs_tablerowjsoncoder", "json_ours", "json_tablerowjsoncoder", 1.0),
          new Ratio("json_vs_jackson_tree", "json_ours", "json_jackson_tree", null),
          new Ratio("csv_vs_commons_csv", "csv_ours", "csv_commons_csv", null),
          new Ratio("csv_vs_commons_csv_streaming", "csv_ours", "csv_commons_csv_streaming", null),
          // Below 1 by construction: how much of Avro's decoding rate is left after converting.
          new Ratio("avro_vs_avro_reader", "avro_ours", "avro_reader", null),
          new Ratio("parquet_vs_parquet_reader", "parquet_ours", "parquet_reader", null),
          new Ratio("udf_vs_shared_nashorn_2t", "udf_ours_2t", "udf_shared_nashorn_2t", 2.0),
          new Ratio("udf_vs_shared_nashorn_1t", "udf_ours_1t", "udf_shared_nashorn_1t", null),
          new Ratio("e2e_csv_vs_minimal", "e2e_csv_ours", "e2e_csv_minimal", 1.0),
          new Ratio("e2e_json_vs_minimal", "e2e_json_ours", "e2e_json_minimal", 1.0),
          new Ratio(
              "json_to_storage_bytes_vs_google",
              "json_storage_" + OURS_STORAGE_PATH,
              "json_storage_google",
              STORAGE_BYTES_TARGET),
          new Ratio(
              "csv_to_storage_bytes_vs_google",
              "csv_storage_" + OURS_STORAGE_PATH,
              "csv_storage_google",
              STORAGE_BYTES_TARGET),
          new Ratio(
              "json_to_load_file_bytes_vs_google",
              "json_load_file_" + OURS_LOAD_FILE_PATH,
              "json_load_file_google",
              STORAGE_BYTES_TARGET));

  /** Issue 11's target for reading one large file with 2 threads against 1. */
  static final double SPLIT_SPEEDUP_TARGET = 1.4;

  private final Map<String, Figure> rates = new LinkedHashMap<>();
  private final Map<String, EndToEndFigure> endToEnd;
  private final Map<String, Object> run;
  private SplitReadFigure splitRead;
  private SmallFilesFigure smallFiles;
  private PropertyTestRun.Outcome propertyTests;

  /**
   * @param perRecord the JMH figures by name
   * @param endToEnd the end-to-end loads by name
   * @param run how the figures were taken (settings, machine), written as given
   */
  BenchSummary(
      Map<String, Figure> perRecord,
      Map<String, EndToEndFigure> endToEnd,
      Map<String, Object> run) {
    this.rates.putAll(perRecord);
    endToEnd.forEach((name, figure) -> rates.put(name, figure.rate()));
    this.endToEnd = endToEnd;
    this.run = run;
  }

  BenchSummary withSplitRead(SplitReadFigure figure) {
    this.splitRead = figure;
    return this;
  }

  BenchSummary withSmallFiles(SmallFilesFigure figure) {
    this.smallFiles = figure;
    return this;
  }

  BenchSummary withPropertyTests(PropertyTestRun.Outcome outcome) {
    this.propertyTests = outcome;
    return this;
  }

  /** ours / baseline, or null when either figure is missing. */
  Double ratio(Ratio ratio) {
    Figure ours = rates.get(ratio.ours());
    Figure baseline = rates.get(ratio.baseline());
    if (ours == null || baseline == null || baseline.perSecond() <= 0) {
      return null;
    }
    return ours.perSecond() / baseline.perSecond();
  }

  ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode targets = JSON.createObjectNode();
    for (Ratio ratio : RATIOS) {
      Double value = ratio(ratio);
      root.put(ratio.key(), value == null ? null : round(value, 3));
      if (ratio.target() != null) {
        ObjectNode target = targets.putObject(ratio.key());
        target.put("at_least", ratio.target());
        target.put("met", value != null && value >= ratio.target());
      }
    }
    putSplitRead(root, targets);
    putSmallFiles(root);
    root.set("targets", targets);
    ObjectNode perSecond = root.putObject("records_per_second");
    ObjectNode errors = root.putObject("jmh_error_99_9_records_per_second");
    ObjectNode allocations = root.putObject("alloc_bytes_per_record");
    rates.forEach(
        (name, figure) -> {
          perSecond.put(name, Math.round(figure.perSecond()));
          if (figure.hasError()) {
            errors.put(name, Math.round(figure.error()));
          }
          if (figure.hasAllocation()) {
            allocations.put(name, Math.round(figure.allocBytesPerRecord()));
          }
        });
    ObjectNode loads = root.putObject("end_to_end");
    endToEnd.forEach(
        (name, figure) -> {
          ObjectNode load = loads.putObject(name);
          load.put("records", figure.records());
          load.put("seconds", round(figure.seconds(), 2));
          load.put("rows_in_table", figure.rowsInTable());
        });
    putPropertyTests(root);
    root.set("run", JSON.valueToTree(run));
    return root;
  }

  private void putSplitRead(ObjectNode root, ObjectNode targets) {
    Double speedup = splitRead == null ? null : round(splitRead.speedup(), 3);
    root.put("split_read_speedup_2t", speedup);
    ObjectNode target = targets.putObject("split_read_speedup_2t");
    target.put("at_least", SPLIT_SPEEDUP_TARGET);
    target.put("met", speedup != null && speedup >= SPLIT_SPEEDUP_TARGET);
    SplitReadFigure.Total one = splitRead == null ? null : splitRead.oneThread();
    SplitReadFigure.Total two = splitRead == null ? null : splitRead.twoThreads();
    root.put(
        "split_read_cpu_us_per_record_2t", two == null ? null : round(two.cpuMicrosPerRecord(), 3));
    root.put(
        "split_read_cpu_us_per_record_1t", one == null ? null : round(one.cpuMicrosPerRecord(), 3));
    root.put("split_scan_mb_per_s_2t", two == null ? null : round(two.scanMibPerSecond(), 1));
    root.put("split_scan_mb_per_s_1t", one == null ? null : round(one.scanMibPerSecond(), 1));
    if (splitRead == null) {
      return;
    }
    ObjectNode detail = root.putObject("split_read");
    detail.put("file_bytes", splitRead.bytes());
    detail.put("ranges", splitRead.ranges());
    detail.put("spans", splitRead.spans());
    detail.put("records", splitRead.records());
    detail.put("measured_rounds", splitRead.rounds());
    detail.put("records_per_second_2t", Math.round(two.recordsPerSecond()));
    detail.put("records_per_second_1t", Math.round(one.recordsPerSecond()));
    detail.put("worker_cpu_us_per_record_2t", round(two.workerCpuMicrosPerRecord(), 3));
    detail.put("worker_cpu_us_per_record_1t", round(one.workerCpuMicrosPerRecord(), 3));
    detail.put("scan_seconds_2t", round(two.scanSeconds(), 2));
    detail.put("scan_seconds_1t", round(one.scanSeconds(), 2));
  }

  private void putSmallFiles(ObjectNode root) {
    root.put(
        "small_files_cpu_ms_per_file",
        smallFiles == null ? null : round(smallFiles.cpuMillisPerFile(), 3));
    root.put(
        "small_files_wall_ms_per_file",
        smallFiles == null ? null : round(smallFiles.wallMillisPerFile(), 3));
    if (smallFiles == null) {
      return;
    }
    ObjectNode detail = root.putObject("small_files");
    detail.put("files", smallFiles.files());
    detail.put("records", smallFiles.records());
    detail.put("rows_in_table", smallFiles.rowsInTable());
    detail.put("seconds", round(smallFiles.seconds(), 2));
    detail.put("cpu_seconds", round(smallFiles.processCpuNanos() / 1e9, 2));
  }

  private void putPropertyTests(ObjectNode root) {
    if (propertyTests == null) {
      root.putNull("property_tests");
      return;
    }
    ObjectNode detail = root.putObject("property_tests");
    detail.put("passed_all", propertyTests.passedAll());
    detail.put("seeds", propertyTests.seeds());
    detail.set("classes", JSON.valueToTree(propertyTests.classes()));
    detail.put("tests_found", propertyTests.found());
    detail.put("tests_passed", propertyTests.passed());
    detail.put("tests_failed", propertyTests.failed());
    detail.put("tests_skipped", propertyTests.skipped());
    detail.put("seconds", round(propertyTests.seconds(), 1));
    detail.set("failures", JSON.valueToTree(propertyTests.failures()));
  }

  void writeTo(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, JSON.writeValueAsString(toJson()) + "\n");
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
