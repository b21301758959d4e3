package io.bqflex.bench;

import io.bqflex.udf.JavaScriptUdf;
import io.bqflex.udf.UdfSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.script.ScriptException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JSON records through a JavaScript UDF, in figures per record. Run at 1 and at 2 threads (the
 * runner sets the count): ours gives each thread its own UDF, as each DoFn instance holds one; the
 * baseline shares one engine across threads, as Google's templates do.
 */
public class UdfBenchmark {
  static final String FUNCTION = "transform";

  static Path script() {
    try {
      return Paths.get(UdfBenchmark.class.getResource("/UdfBenchmark/transform.js").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each thread's own records, so threads do not contend on a shared cursor. */
  @State(Scope.Thread)
  public static class Records {
    RecordCycle lines;

    @Setup
    public void setUp() {
      lines = new RecordCycle(new BenchRows().jsonLines(1024));
    }

    List<String> batch() {
      List<String> batch = new ArrayList<>(JavaScriptUdf.BATCH);
      for (int i = 0; i < JavaScriptUdf.BATCH; i++) {
        batch.add(lines.next());
      }
      return batch;
    }
  }

  /** Ours: one UDF per thread, like one per DoFn instance. */
  @State(Scope.Thread)
  public static class OwnUdf {
    JavaScriptUdf udf;

    @Setup
    public void setUp() throws IOException {
      udf = new JavaScriptUdf(UdfSpec.from(script().toString(), FUNCTION, 0).orElseThrow());
    }

    @TearDown
    public void tearDown() {
      udf.close();
    }
  }

  /** The baseline: one engine for every thread of the JVM. */
  @State(Scope.Benchmark)
  public static class SharedEngine {
    SharedNashornUdf udf;

    @Setup
    public void setUp() throws IOException, ScriptException {
      udf = new SharedNashornUdf(script(), FUNCTION);
    }
  }

  /** As ConvertRecords calls it: a batch of records per hand-over to the UDF's thread. */
  @Benchmark
  @OperationsPerInvocation(JavaScriptUdf.BATCH)
  public void ours(OwnUdf own, Records records, Blackhole results) {
    results.consume(own.udf.applyAll(records.batch()));
  }

  /** One call per record, each under the shared engine's lock. */
  @Benchmark
  @OperationsPerInvocation(JavaScriptUdf.BATCH)
  public void sharedNashorn(SharedEngine shared, Records records, Blackhole results)
      throws ScriptException, NoSuchMethodException {
    for (String line : records.batch()) {
      results.consume(shared.udf.apply(line));
    }
  }
}
