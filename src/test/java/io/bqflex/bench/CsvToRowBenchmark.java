package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.rows.PayloadFormat;
import java.io.IOException;
import java.io.StringReader;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One CSV record to a row: ours (parsed, checked, converted) against Commons CSV parsing alone. */
@State(Scope.Thread)
public class CsvToRowBenchmark {
  private static final int RECORDS = 1024;

  private RecordCycle records;
  private PayloadFormat ours;
  private String wholeText;
  private CSVParser streaming;
  private Iterator<CSVRecord> streamed;

  @Setup
  public void setUp() throws IOException {
    String[] csv = new BenchRows().csvRecords(RECORDS);
    records = new RecordCycle(csv);
    ours = TemplateFormats.csv(BenchRows.schema());
    wholeText = String.join("\n", csv) + "\n";
    restartStream();
  }

  @TearDown
  public void tearDown() throws IOException {
    streaming.close();
  }

  /** GcsCsvToBigQuery's conversion of one record read from a file. */
  @Benchmark
  public TableRow ours() throws RecordException {
    return ours.toRow(records.next());
  }

  /**
   * Commons CSV on one record's text, the way a pipeline that reads lines with TextIO (as Google's
   * CSV template does) has to call it: a parser per record.
   */
  @Benchmark
  public CSVRecord commonsCsv() throws IOException {
    try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(records.next()))) {
      return parser.iterator().next();
    }
  }

  /**
   * Commons CSV at its fastest: one parser streaming through many records, as when it reads a whole
   * file. A bound no per-record conversion can reach; shown for context.
   */
  @Benchmark
  public CSVRecord commonsCsvStreaming() throws IOException {
    if (!streamed.hasNext()) {
      streaming.close();
      restartStream();
    }
    return streamed.next();
  }

  private void restartStream() throws IOException {
    streaming = CSVFormat.DEFAULT.parse(new StringReader(wholeText));
    streamed = streaming.iterator();
  }
}
