package io.bqflex.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.bqflex.read.FileFormat;
import io.bqflex.rows.BigQueryType;
import io.bqflex.rows.CsvFormats;
import io.bqflex.write.BigQueryAvroSchemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark harness on a tiny input: every end-to-end load really loads every row, the split
 * read reads every record once, the small-files load loads every event, the property tests run, the
 * storage-bytes benchmark runs through JMH with its GC profiler, and the summary holds every figure
 * and the ratios issues 4, 11 and 12 ask for. Timings are not asserted.
 */
class BenchHarnessTest {
  private static final int ROWS = 1_000;
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

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
            "parquet_vs_parquet_reader",
            "udf_vs_shared_nashorn_2t",
            "e2e_csv_vs_minimal",
            "e2e_json_vs_minimal",
            "json_to_storage_bytes_vs_google",
            "csv_to_storage_bytes_vs_google",
            "json_to_load_file_bytes_vs_google")) {
      assertTrue(summary.get(key).isNumber(), key + " is a number in " + summary);
    }
    assertEquals(1.5, summary.get("json_to_storage_bytes_vs_google").asDouble());
    assertTrue(summary.at("/targets/json_to_storage_bytes_vs_google/met").asBoolean());
    assertEquals(1.2, summary.get("csv_to_storage_bytes_vs_google").asDouble());
    assertFalse(summary.at("/targets/csv_to_storage_bytes_vs_google/met").asBoolean());
    // Load files take our Avro path: 700 / 400, not the TableRow path's 400 / 400.
    assertEquals(1.75, summary.get("json_to_load_file_bytes_vs_google").asDouble());
    assertTrue(summary.at("/targets/json_to_load_file_bytes_vs_google/met").asBoolean());
    assertEquals(14_000, summary.at("/alloc_bytes_per_record/json_storage_google").asLong());
    assertFalse(summary.at("/alloc_bytes_per_record").has("json_ours"));
    assertEquals(2.0, summary.get("json_vs_tablerowjsoncoder").asDouble());
    assertEquals(0.5, summary.get("json_vs_jackson_tree").asDouble());
    assertEquals(3.0, summary.get("udf_vs_shared_nashorn_2t").asDouble());
    assertEquals(0.25, summary.get("avro_vs_avro_reader").asDouble());
    assertEquals(0.5, summary.get("parquet_vs_parquet_reader").asDouble());
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
  void storageBytesOfGoogleAndOurTableRowAndAvroPathsAreTheSameProto() throws Exception {
    StorageBytesBenchmark google = new StorageBytesBenchmark();
    google.setUp();
    StorageBytesBenchmark ours = new StorageBytesBenchmark();
    ours.setUp();
    StorageBytesBenchmark oursAvro = new StorageBytesBenchmark();
    oursAvro.setUp();
    Descriptor descriptor = google.storageWrite().descriptor();

    // 128 records hold both TIMESTAMP spellings, quoted CSV values and null notes; all 1,024 take
    // seconds more on a loaded machine (cold code, under JaCoCo).
    for (long id = 1; id <= 128; id++) {
      byte[] json = google.jsonToStorageBytesGoogle();
      assertArrayEquals(json, ours.jsonToStorageBytesOursTableRow(), "JSON record " + id);
      assertArrayEquals(
          json, oursAvro.jsonToStorageBytesOursAvro(), "JSON record " + id + ", Avro");
      byte[] csv = google.csvToStorageBytesGoogle();
      assertArrayEquals(csv, ours.csvToStorageBytesOursTableRow(), "CSV " + id);
      assertArrayEquals(csv, oursAvro.csvToStorageBytesOursAvro(), "CSV " + id + ", Avro");
      DynamicMessage row = DynamicMessage.parseFrom(descriptor, json);
      assertEquals(id, row.getField(descriptor.findFieldByName("id")));
    }
    // The Avro path also made each record's kept form: a file record's position (file, number,
    // text hash), well under its payload's bytes; a message's whole payload, at least as large.
    long keptOfFileRecords = oursAvro.storageWriteAvro().keptBytes();
    assertTrue(keptOfFileRecords < 256 * 100, "kept bytes of file records: " + keptOfFileRecords);
    // Load files: the same row, in Google's raw values and in our canonical ones.
    int googleLength = google.jsonToLoadFileBytesGoogle();
    int oursLength = ours.jsonToLoadFileBytesOursTableRow();
    String googleLine = google.loadFile().lastLine();
    String oursLine = ours.loadFile().lastLine();
    assertTrue(googleLine.startsWith("{\"id\":129,") && googleLine.endsWith("}\n"), googleLine);
    assertTrue(oursLine.startsWith("{\"id\":\"129\",") && oursLine.endsWith("}\n"), oursLine);
    assertEquals(googleLine.length(), googleLength, "ASCII: one byte a character");
    assertEquals(oursLine.length(), oursLength);
    // The first line as a Pub/Sub message: the same proto, and the row keeps its whole payload.
    StorageBytesBenchmark googleAgain = new StorageBytesBenchmark();
    googleAgain.setUp();
    StorageBytesBenchmark oursMessage = new StorageBytesBenchmark();
    oursMessage.setUp();
    assertArrayEquals(
        googleAgain.jsonToStorageBytesGoogle(), oursMessage.jsonToStorageBytesOursAvroMessage());
    long keptOfMessage = oursMessage.storageWriteAvro().keptBytes();
    assertTrue(keptOfMessage > 200, "kept bytes of a message: " + keptOfMessage);
  }

  /**
   * The Avro temp file our FILE_LOADS path writes holds, record by record, the values of the JSON
   * line our TableRow path writes for the same record, read by meaning: Beam reads an Avro file
   * back in BigQuery's Avro export forms (a TIMESTAMP as {@code 2026-11-05 10:00:00 UTC}, a NUMERIC
   * at scale 9).
   */
  @Test
  void loadFileAvroRecordsReadBackToTheValuesOfOurJsonLines() throws Exception {
    StorageBytesBenchmark json = new StorageBytesBenchmark();
    json.setUp();
    StorageBytesBenchmark avro = new StorageBytesBenchmark();
    avro.setUp();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    avro.writeLoadFileAvroTo(file);
    TableSchema schema = BenchRows.schema();
    List<Map<String, Object>> expected = new ArrayList<>();
    long jsonBytes = 0;
    for (int i = 0; i < 128; i++) {
      jsonBytes += json.jsonToLoadFileBytesOursTableRow();
      expected.add(meaning(schema, decodeLine(json.loadFile().lastLine())));
      avro.jsonToLoadFileBytesOursAvro();
    }
    avro.loadFileAvro().close();
    // The whole Avro file, header included, is under half the bytes of the JSON lines.
    assertTrue(file.size() * 2 < jsonBytes, file.size() + " Avro bytes, " + jsonBytes + " JSON");

    List<Map<String, Object>> actual = new ArrayList<>();
    try (DataFileStream<GenericRecord> records =
        new DataFileStream<>(
            new ByteArrayInputStream(file.toByteArray()), new GenericDatumReader<>())) {
      assertEquals(BigQueryAvroSchemas.forLoadFiles(schema), records.getSchema());
      for (GenericRecord record : records) {
        actual.add(meaning(schema, BigQueryUtils.convertGenericRecordToTableRow(record)));
      }
    }
    assertEquals(expected, actual);
    // Each value is compared as what it means, not as its text.
    Map<String, Object> first = expected.get(0);
    assertEquals(1L, first.get("id"), first.toString());
    assertTrue(first.get("ordered_at") instanceof Instant, first.toString());
    assertTrue(first.get("delivery_date") instanceof LocalDate, first.toString());
    assertTrue(first.get("score") instanceof Double, first.toString());
    assertTrue(first.get("paid") instanceof Boolean, first.toString());
  }

  @SuppressWarnings("deprecation") // Context.OUTER: how the line was written
  private static TableRow decodeLine(String line) throws Exception {
    byte[] bytes = line.substring(0, line.length() - 1).getBytes(StandardCharsets.UTF_8);
    return TableRowJsonCoder.of().decode(new ByteArrayInputStream(bytes), Coder.Context.OUTER);
  }

  /** The row's non-null values by column, each as the BigQuery value its text denotes. */
  private static Map<String, Object> meaning(TableSchema schema, TableRow row) {
    Map<String, Object> values = new TreeMap<>();
    for (TableFieldSchema field : schema.getFields()) {
      Object raw = row.get(field.getName());
      if (raw == null) {
        continue;
      }
      String text = String.valueOf(raw);
      Object value =
          switch (BigQueryType.fromName(field.getType())) {
            case INTEGER -> Long.parseLong(text);
            case NUMERIC -> new BigDecimal(text).stripTrailingZeros().toPlainString();
            case TIMESTAMP -> Instant.parse(text.replace(" UTC", "Z").replace(' ', 'T'));
            case DATE -> LocalDate.parse(text);
            case FLOAT -> Double.valueOf(text);
            case BOOLEAN -> Boolean.valueOf(text);
            case STRING -> text;
            default -> throw new IllegalArgumentException("no meaning for " + field.getType());
          };
      values.put(field.getName(), value);
    }
    return values;
  }

  @Test
  void storageBytesRunThroughJmhWithAllocationAndReachTheSummaryAsRatiosWithTargets()
      throws Exception {
    // In-process, no warm-up, one 100 ms iteration: the wiring, not a measurement.
    Map<String, Figure> figures =
        new JmhRuns(0, 1, TimeValue.milliseconds(100), 0, dir).storageBytes();

    assertEquals(
        Set.of(
            "json_storage_google",
            "json_storage_ours_tablerow",
            "json_storage_ours_avro",
            "json_storage_ours_avro_row_only",
            "json_storage_ours_avro_message",
            "csv_storage_google",
            "csv_storage_ours_tablerow",
            "csv_storage_ours_avro",
            "json_load_file_google",
            "json_load_file_ours_tablerow",
            "json_load_file_ours_avro"),
        figures.keySet());
    figures.forEach(
        (name, figure) -> {
          assertTrue(figure.perSecond() > 0, name);
          assertTrue(figure.allocBytesPerRecord() > 0, name + " allocation " + figure);
        });
    assertTrue(Files.size(dir.resolve("jmh-storage-bytes.json")) > 0);

    JsonNode summary = new BenchSummary(figures, Map.of(), Map.of()).toJson();
    for (String key :
        List.of(
            "json_to_storage_bytes_vs_google",
            "csv_to_storage_bytes_vs_google",
            "json_to_load_file_bytes_vs_google")) {
      assertTrue(summary.get(key).isNumber(), key + " in " + summary);
      assertEquals(1.5, summary.at("/targets/" + key + "/at_least").asDouble(), key);
    }
    for (String name : figures.keySet()) {
      assertTrue(summary.at("/alloc_bytes_per_record/" + name).asLong() > 0, name);
      assertTrue(summary.at("/records_per_second/" + name).asLong() > 0, name);
    }
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
    figures.put("parquet_ours", new Figure(600, 20));
    figures.put("parquet_reader", new Figure(1200, 20));
    figures.put("udf_ours_1t", new Figure(300, 10));
    figures.put("udf_shared_nashorn_1t", new Figure(300, 10));
    figures.put("udf_ours_2t", new Figure(600, 10));
    figures.put("udf_shared_nashorn_2t", new Figure(200, 10));
    // The ratios take the Avro path as ours: the TableRow figures would give other ratios.
    figures.put("json_storage_ours_tablerow", new Figure(180, 10, 15_000));
    figures.put("json_storage_ours_avro", new Figure(300, 10, 9_000));
    figures.put("json_storage_google", new Figure(200, 10, 14_000));
    figures.put("csv_storage_ours_tablerow", new Figure(150, 10, 13_000));
    figures.put("csv_storage_ours_avro", new Figure(240, 10, 8_000));
    figures.put("csv_storage_google", new Figure(200, 10, 12_000));
    figures.put("json_load_file_ours_tablerow", new Figure(400, 10, 5_000));
    figures.put("json_load_file_ours_avro", new Figure(700, 10, 3_000));
    figures.put("json_load_file_google", new Figure(400, 10, 6_000));
    return figures;
  }

  @Test
  void parquetBenchmarkConvertsEveryRowOfItsFileAndStartsOver() throws Exception {
    ParquetReaderBenchmark benchmark = new ParquetReaderBenchmark();
    benchmark.rows = 100;
    benchmark.setUp();
    try {
      for (int i = 1; i <= 250; i++) {
        assertEquals(Long.toString((i - 1) % 100 + 1), benchmark.ours().get("id"));
      }
      assertEquals(51L, benchmark.parquetReader().getLong("id", 0));
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void splitReadOfJsonLinesReadsAndConvertsEveryLineOnceAtBothThreadCounts() throws Exception {
    Path file = SplitBenchFiles.jsonLines(dir, SplitReadBench.MIB);
    long lines;
    try (Stream<String> all = Files.lines(file)) {
      lines = all.count();
    }
    SplitRead read =
        new SplitRead(
            file,
            FileFormat.jsonLines("UTF-8"),
            () -> TemplateFormats.json(BenchRows.schema()),
            64 * 1024);

    SplitReadFigure figure = SplitReadBench.measure(read, 1, QUIET);

    assertEquals(lines, figure.records());
    assertEquals(Files.size(file), figure.bytes());
    assertEquals(
        17, figure.ranges(), "1 MiB and the last line's rest, in even ranges of 64 KiB at most");
    assertEquals(
        17, figure.spans(), "the lines are short: a line starts in every range of ~62 KiB");
    assertEquals(lines, figure.oneThread().records());
    assertEquals(lines, figure.twoThreads().records());
    assertTrue(figure.speedup() > 0);
    assertTrue(figure.twoThreads().cpuMicrosPerRecord() > 0);
    assertTrue(figure.oneThread().scanMibPerSecond() > 0);
  }

  @Test
  void splitBenchFileOfTheSameSizeIsReusedNotWrittenAgain() throws Exception {
    Path file = SplitBenchFiles.csv(dir, 10_000);
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));

    assertEquals(file, SplitBenchFiles.csv(dir, 10_000));
    assertEquals(0, Files.getLastModifiedTime(file).toMillis());
    String text = Files.readString(file);
    assertTrue(text.startsWith(BenchRows.CSV_HEADER + "\n"), text);
    assertTrue(text.contains(",\"Leave at the door,\nthen ring twice\"\n"), text);
  }

  @Test
  void splitReadRefusesFormatThatIsReadWhole() {
    SplitRead read =
        new SplitRead(
            dir.resolve("any.json"),
            FileFormat.jsonLines("UTF-16"),
            () -> TemplateFormats.json(BenchRows.schema()),
            1024);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> read.run(1));
    assertTrue(e.getMessage().contains("does not split"), e.getMessage());
  }

  /** Runs once CSV splits (branch split-csv); until then CSV files are read whole. */
  @Test
  void splitReadOfCsvWithQuotedLineBreaksReadsWhatTheWholeFileReadReads() throws Exception {
    FileFormat csv = FileFormat.csv(CsvFormats.named("Default", null), true, "UTF-8", "encoding");
    assumeTrue(csv.boundaries() != null, "CSV Default does not split yet");
    Path file = SplitBenchFiles.csv(dir, 256 * 1024);
    long whole =
        new SplitRead(file, csv, () -> TemplateFormats.csv(BenchRows.schema()), Files.size(file))
            .run(1)
            .records();

    SplitReadFigure figure =
        SplitReadBench.measure(
            new SplitRead(file, csv, () -> TemplateFormats.csv(BenchRows.schema()), 16 * 1024),
            1,
            QUIET);

    assertEquals(whole, figure.records());
    // A range holds no span when no record starts in it (the file's last few bytes can be one).
    assertTrue(figure.spans() <= figure.ranges(), figure.toString());
    assertTrue(figure.spans() > 10, figure.toString());
  }

  @Test
  void smallFilesLoadEveryEventOfEveryFile() throws Exception {
    SmallFilesFigure figure = new SmallFilesBench(dir, 20, 0, QUIET).run();

    assertEquals(20, figure.files());
    assertEquals(20 * SmallFilesBench.EVENTS_PER_FILE, figure.records());
    assertEquals(20 * SmallFilesBench.EVENTS_PER_FILE, figure.rowsInTable());
    assertTrue(figure.cpuMillisPerFile() > 0);
    assertTrue(figure.wallMillisPerFile() > 0);
  }

  @Test
  void propertyTestRunRunsEverySplitPropertyTestAndCountsThem() throws Exception {
    PropertyTestRun.Outcome outcome = PropertyTestRun.run(2);

    assertTrue(
        outcome.classes().contains("io.bqflex.read.SplitLinesPropertyTest"),
        outcome.classes().toString());
    assertTrue(outcome.found() >= 3, outcome.toString());
    assertEquals(outcome.found(), outcome.passed(), outcome.toString());
    assertTrue(outcome.passedAll(), outcome.toString());
    assertEquals(2, outcome.seeds());
  }

  @Test
  void summaryHoldsIssue11FiguresAndTheSplitTarget() {
    SplitReadFigure.Total one =
        new SplitReadFigure.Total(1000, 4_000_000, 2.0, 0.5, 4_000_000, 3_000_000);
    SplitReadFigure.Total two =
        new SplitReadFigure.Total(1000, 4_000_000, 1.25, 0.25, 5_000_000, 3_500_000);
    SplitReadFigure split = new SplitReadFigure(2_000_000, 3, 3, 500, 2, one, two);
    PropertyTestRun.Outcome props =
        new PropertyTestRun.Outcome(List.of("a.SplitXPropertyTest"), 7, 3, 3, 0, 0, 1.5, List.of());

    JsonNode summary =
        new BenchSummary(Map.of(), Map.of(), Map.of())
            .withSplitRead(split)
            .withSmallFiles(new SmallFilesFigure(100, 800, 800, 2.0, 500_000_000))
            .withPropertyTests(props)
            .toJson();

    assertEquals(1.6, summary.get("split_read_speedup_2t").asDouble());
    assertTrue(summary.at("/targets/split_read_speedup_2t/met").asBoolean());
    assertEquals(5.0, summary.get("split_read_cpu_us_per_record_2t").asDouble());
    assertEquals(4.0, summary.get("split_read_cpu_us_per_record_1t").asDouble());
    assertEquals(15.3, summary.get("split_scan_mb_per_s_2t").asDouble());
    assertEquals(5.0, summary.get("small_files_cpu_ms_per_file").asDouble());
    assertEquals(20.0, summary.get("small_files_wall_ms_per_file").asDouble());
    assertEquals(3, summary.at("/property_tests/tests_passed").asLong());
    assertTrue(summary.at("/property_tests/passed_all").asBoolean());
  }

  @Test
  void partNotRunLeavesItsKeysNull() {
    JsonNode summary = new BenchSummary(Map.of(), Map.of(), Map.of()).toJson();

    for (String key :
        List.of(
            "split_read_speedup_2t",
            "split_read_cpu_us_per_record_2t",
            "split_read_cpu_us_per_record_1t",
            "small_files_cpu_ms_per_file",
            "property_tests")) {
      assertTrue(summary.get(key).isNull(), key + " in " + summary);
    }
    assertFalse(summary.at("/targets/split_read_speedup_2t/met").asBoolean());
  }

  @Test
  void benchPartsAreAllByDefaultOrTheOnesNamed() {
    assertEquals(EnumSet.allOf(BenchParts.class), BenchParts.parse(null));
    assertEquals(EnumSet.allOf(BenchParts.class), BenchParts.parse("all"));
    assertEquals(EnumSet.of(BenchParts.SPLIT, BenchParts.PROPS), BenchParts.parse("split, props"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BenchParts.parse("split,speed"));
    assertTrue(e.getMessage().contains("'speed'"), e.getMessage());
    assertTrue(e.getMessage().contains("props,split,small,e2e,jmh"), e.getMessage());
  }
}
