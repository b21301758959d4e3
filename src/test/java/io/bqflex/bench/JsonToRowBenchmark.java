package io.bqflex.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.rows.PayloadFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One JSON line to a row: ours (parsed and validated against the schema) and two baselines. */
@State(Scope.Thread)
public class JsonToRowBenchmark {
  private static final ObjectMapper JACKSON = new ObjectMapper();
  private static final TableRowJsonCoder CODER = TableRowJsonCoder.of();

  private RecordCycle lines;
  private PayloadFormat ours;

  @Setup
  public void setUp() {
    lines = new RecordCycle(new BenchRows().jsonLines(1024));
    ours = TemplateFormats.json(BenchRows.schema());
  }

  /** GcsJsonToBigQuery's conversion: parse, check every value, build the TableRow. */
  @Benchmark
  public TableRow ours() throws RecordException {
    return ours.toRow(lines.next());
  }

  /** Parsing alone, into Jackson's tree: no row, no checks. */
  @Benchmark
  public JsonNode jacksonTree() throws IOException {
    return JACKSON.readTree(lines.next());
  }

  /**
   * What Google's templates do with each JSON record: UTF-8 bytes decoded by Beam's
   * TableRowJsonCoder in the outer context. No checks against the schema.
   */
  @Benchmark
  @SuppressWarnings("deprecation") // Coder.Context: the call Google's templates make.
  public TableRow tableRowJsonCoder() throws IOException {
    byte[] bytes = lines.next().getBytes(StandardCharsets.UTF_8);
    return CODER.decode(new ByteArrayInputStream(bytes), Coder.Context.OUTER);
  }
}
