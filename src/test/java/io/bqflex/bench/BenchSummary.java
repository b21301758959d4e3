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
 * means ours is faster) at the top level under the names issue 4 uses, with its target.
 */
final class BenchSummary {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** ours / baseline, by figure name; {@code target} null where issue 4 sets none. */
  record Ratio(String key, String ours, String baseline, Double target) {}

  static final List<Ratio> RATIOS =
      List.of(
          new Ratio("json_vs_tablerowjsoncoder", "json_ours", "json_tablerowjsoncoder", 1.0),
          new Ratio("json_vs_jackson_tree", "json_ours", "json_jackson_tree", null),
          new Ratio("csv_vs_commons_csv", "csv_ours", "csv_commons_csv", null),
          new Ratio("csv_vs_commons_csv_streaming", "csv_ours", "csv_commons_csv_streaming", null),
          // Below 1 by construction: how much of Avro's decoding rate is left after converting.
          new Ratio("avro_vs_avro_reader", "avro_ours", "avro_reader", null),
          new Ratio("udf_vs_shared_nashorn_2t", "udf_ours_2t", "udf_shared_nashorn_2t", 2.0),
          new Ratio("udf_vs_shared_nashorn_1t", "udf_ours_1t", "udf_shared_nashorn_1t", null),
          new Ratio("e2e_csv_vs_minimal", "e2e_csv_ours", "e2e_csv_minimal", 0.8),
          new Ratio("e2e_json_vs_minimal", "e2e_json_ours", "e2e_json_minimal", 0.8));

  private final Map<String, Figure> rates = new LinkedHashMap<>();
  private final Map<String, EndToEndFigure> endToEnd;
  private final Map<String, Object> run;

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
    root.set("targets", targets);
    ObjectNode perSecond = root.putObject("records_per_second");
    ObjectNode errors = root.putObject("jmh_error_99_9_records_per_second");
    rates.forEach(
        (name, figure) -> {
          perSecond.put(name, Math.round(figure.perSecond()));
          if (figure.hasError()) {
            errors.put(name, Math.round(figure.error()));
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
    root.set("run", JSON.valueToTree(run));
    return root;
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
