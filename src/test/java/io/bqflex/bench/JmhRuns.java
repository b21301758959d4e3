package io.bqflex.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the per-record JMH benchmarks, each in one fork, and names their throughputs as the summary
 * does. Iterations last 2 s: on these machines shorter warm-ups measure the JIT, not the code (the
 * harness test alone runs shorter ones, in-process, to check the wiring). JMH's own result files go
 * to {@code resultDir}, one per run, for whoever wants the detail.
 */
record JmhRuns(
    int warmupIterations,
    int measurementIterations,
    TimeValue iteration,
    int forks,
    Path resultDir) {
  private static final TimeValue ITERATION = TimeValue.seconds(2);

  /** JMH's GC profiler's figure: bytes allocated per operation, here per record. */
  private static final String ALLOC_PER_OP = "gc.alloc.rate.norm";

  /** The benchmark's settings: 2 s iterations, one fork per benchmark. */
  JmhRuns(int warmupIterations, int measurementIterations, Path resultDir) {
    this(warmupIterations, measurementIterations, ITERATION, 1, resultDir);
  }

  /** Benchmark (class.method) to the name of its figure in the summary. */
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("JsonToRowBenchmark.ours", "json_ours"),
          Map.entry("JsonToRowBenchmark.jacksonTree", "json_jackson_tree"),
          Map.entry("JsonToRowBenchmark.tableRowJsonCoder", "json_tablerowjsoncoder"),
          Map.entry("CsvToRowBenchmark.ours", "csv_ours"),
          Map.entry("CsvToRowBenchmark.commonsCsv", "csv_commons_csv"),
          Map.entry("CsvToRowBenchmark.commonsCsvStreaming", "csv_commons_csv_streaming"),
          Map.entry("UdfBenchmark.ours", "udf_ours"),
          Map.entry("UdfBenchmark.sharedNashorn", "udf_shared_nashorn"),
          Map.entry("AvroToRowBenchmark.ours", "avro_ours"),
          Map.entry("AvroToRowBenchmark.avroReader", "avro_reader"),
          Map.entry("ParquetReaderBenchmark.ours", "parquet_ours"),
          Map.entry("ParquetReaderBenchmark.parquetReader", "parquet_reader"),
          // Each path of ours keeps its own name; BenchSummary says which one the ratios take.
          Map.entry("StorageBytesBenchmark.jsonToStorageBytesGoogle", "json_storage_google"),
          Map.entry(
              "StorageBytesBenchmark.jsonToStorageBytesOursTableRow", "json_storage_ours_tablerow"),
          Map.entry("StorageBytesBenchmark.jsonToStorageBytesOursAvro", "json_storage_ours_avro"),
          Map.entry(
              "StorageBytesBenchmark.jsonToStorageBytesOursAvroRowOnly",
              "json_storage_ours_avro_row_only"),
          Map.entry(
              "StorageBytesBenchmark.jsonToStorageBytesOursAvroMessage",
              "json_storage_ours_avro_message"),
          Map.entry("StorageBytesBenchmark.csvToStorageBytesGoogle", "csv_storage_google"),
          Map.entry("StorageBytesBenchmark.csvToStorageBytesOursAvro", "csv_storage_ours_avro"),
          Map.entry(
              "StorageBytesBenchmark.csvToStorageBytesOursTableRow", "csv_storage_ours_tablerow"),
          Map.entry("StorageBytesBenchmark.jsonToLoadFileBytesGoogle", "json_load_file_google"),
          Map.entry(
              "StorageBytesBenchmark.jsonToLoadFileBytesOursTableRow",
              "json_load_file_ours_tablerow"),
          Map.entry(
              "StorageBytesBenchmark.jsonToLoadFileBytesOursAvro", "json_load_file_ours_avro"));

  /** Throughput of every benchmark; UDF figures once per thread count, named {@code ..._1t}. */
  Map<String, Figure> run() throws RunnerException {
    Map<String, Figure> figures = new LinkedHashMap<>();
    collect(
        figures,
        "",
        options(
            "jmh-rows",
            1,
            JsonToRowBenchmark.class,
            CsvToRowBenchmark.class,
            AvroToRowBenchmark.class,
            ParquetReaderBenchmark.class));
    figures.putAll(storageBytes());
    for (int threads = 1; threads <= 2; threads++) {
      collect(
          figures,
          "_" + threads + "t",
          options("jmh-udf-" + threads + "t", threads, UdfBenchmark.class));
    }
    return figures;
  }

  /**
   * A record to the bytes BigQueryIO hands on, with JMH's GC profiler: each figure carries the
   * bytes allocated per record beside its rate.
   */
  Map<String, Figure> storageBytes() throws RunnerException {
    Map<String, Figure> figures = new LinkedHashMap<>();
    collect(
        figures,
        "",
        options("jmh-storage-bytes", 1, StorageBytesBenchmark.class).addProfiler(GCProfiler.class));
    return figures;
  }

  private ChainedOptionsBuilder options(String name, int threads, Class<?>... benchmarks) {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .forks(forks)
            .threads(threads)
            .mode(Mode.Throughput)
            .timeUnit(TimeUnit.SECONDS)
            .warmupIterations(warmupIterations)
            .warmupTime(iteration)
            .measurementIterations(measurementIterations)
            .measurementTime(iteration)
            .jvmArgsAppend("-Xmx1g")
            .shouldFailOnError(true)
            .result(resultDir.resolve(name + ".json").toString())
            .resultFormat(ResultFormatType.JSON);
    for (Class<?> benchmark : benchmarks) {
      options.include("^" + Pattern.quote(benchmark.getName() + ".") + "\\w+$");
    }
    return options;
  }

  private static void collect(
      Map<String, Figure> into, String suffix, ChainedOptionsBuilder options)
      throws RunnerException {
    for (RunResult result : new Runner(options.build()).run()) {
      String benchmark = result.getParams().getBenchmark();
      String classAndMethod =
          benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      String name = NAMES.get(classAndMethod);
      if (name == null) {
        throw new IllegalStateException("No summary name for benchmark " + benchmark);
      }
      Result<?> primary = result.getPrimaryResult();
      Result<?> alloc = result.getSecondaryResults().get(ALLOC_PER_OP);
      into.put(
          name + suffix,
          new Figure(
              primary.getScore(),
              primary.getScoreError(),
              alloc == null ? Double.NaN : alloc.getScore()));
    }
  }
}
