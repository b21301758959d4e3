package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.OutputRow;
import io.bqflex.core.RecordException;
import io.bqflex.core.SourceRecord;
import io.bqflex.rows.PayloadFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One record all the way to the bytes BigQueryIO hands on: the Storage Write API's proto payload,
 * or the FILE_LOADS temp file's JSON line or Avro record. Google's templates (an unchecked
 * TableRow) against ours (the validated TableRow the templates build today); the row type, not the
 * parsing, is most of the cost here. The converters are built once in setup, as BigQueryIO builds
 * them once per destination. Same order rows and schema as {@link JsonToRowBenchmark} and {@link
 * CsvToRowBenchmark}.
 */
@State(Scope.Thread)
public class StorageBytesBenchmark {
  private static final int RECORDS = 1024;
  private static final TableRowJsonCoder CODER = TableRowJsonCoder.of();
  private static final String SOURCE_FILE = "gs://bench-bucket/events/2026/12/03/part-00017.json";
  private static final String SUBSCRIPTION = "projects/bench/subscriptions/events";

  private RecordCycle jsonLines;
  private RecordCycle csvRecords;
  private PayloadFormat oursJson;
  private PayloadFormat oursCsv;
  private String[] columns;
  private BeamStorageWriteRows storageWrite;
  private BeamStorageWriteAvroRows storageWriteAvro;
  private long recordNumber;
  private BeamLoadFileRows loadFile;
  private BeamLoadFileAvroRows loadFileAvro;

  @Setup
  public void setUp() {
    BenchRows rows = new BenchRows();
    jsonLines = new RecordCycle(rows.jsonLines(RECORDS));
    csvRecords = new RecordCycle(rows.csvRecords(RECORDS));
    TableSchema schema = BenchRows.schema();
    oursJson = TemplateFormats.json(schema);
    oursCsv = TemplateFormats.csv(schema);
    columns = schema.getFields().stream().map(TableFieldSchema::getName).toArray(String[]::new);
    storageWrite = new BeamStorageWriteRows(schema);
    storageWriteAvro = new BeamStorageWriteAvroRows(schema);
    loadFile = new BeamLoadFileRows();
    loadFileAvro = BeamLoadFileAvroRows.counting(schema);
  }

  /** Google's JSON templates on the Storage Write API: TableRowJsonCoder, then Beam's proto. */
  @Benchmark
  public byte[] jsonToStorageBytesGoogle() throws IOException {
    return storageWrite.toBytes(googleJsonRow(jsonLines.next()));
  }

  /** Ours today: the validated TableRow of gcs-json-to-bigquery, then Beam's proto. */
  @Benchmark
  public byte[] jsonToStorageBytesOursTableRow() throws RecordException {
    return storageWrite.toBytes(oursJson.toRow(jsonLines.next()));
  }

  /**
   * Ours since issue 12: the validated TableRow, as an Avro record, then Beam's proto; with what
   * the row keeps for a refusal, as the file templates write: the line's file and number.
   */
  @Benchmark
  public byte[] jsonToStorageBytesOursAvro() throws RecordException, IOException {
    String line = jsonLines.next();
    return storageWriteAvro.toBytes(OutputRow.of(oursJson.toRow(line), fromFile(line)));
  }

  /**
   * Google's CSV way: Commons CSV on the record's text (a parser per record, as after TextIO), the
   * values set as strings by position under the schema's column names, then Beam's proto.
   */
  @Benchmark
  public byte[] csvToStorageBytesGoogle() throws IOException {
    return storageWrite.toBytes(googleCsvRow(csvRecords.next()));
  }

  /** Ours today: the validated TableRow of gcs-csv-to-bigquery, then Beam's proto. */
  @Benchmark
  public byte[] csvToStorageBytesOursTableRow() throws RecordException {
    return storageWrite.toBytes(oursCsv.toRow(csvRecords.next()));
  }

  /**
   * {@link #jsonToStorageBytesOursAvro} without the kept record: the row alone, as before rows
   * carried their records; the difference is what keeping the payload for a refusal costs.
   */
  @Benchmark
  public byte[] jsonToStorageBytesOursAvroRowOnly() throws RecordException {
    return storageWriteAvro.toBytes(oursJson.toRow(jsonLines.next()));
  }

  /**
   * As {@link #jsonToStorageBytesOursAvro}, for the line as a Pub/Sub message's payload, as the
   * Pub/Sub template writes: the row keeps the whole payload, which cannot be read again.
   */
  @Benchmark
  public byte[] jsonToStorageBytesOursAvroMessage() throws RecordException, IOException {
    String line = jsonLines.next();
    SourceRecord message =
        SourceRecord.fromMessage(
            line.getBytes(StandardCharsets.UTF_8), SUBSCRIPTION, "m-" + ++recordNumber, null, 0L);
    return storageWriteAvro.toBytes(OutputRow.of(oursJson.toRow(message.text()), message));
  }

  /** As {@link #jsonToStorageBytesOursAvro}, for a CSV record. */
  @Benchmark
  public byte[] csvToStorageBytesOursAvro() throws RecordException, IOException {
    String record = csvRecords.next();
    return storageWriteAvro.toBytes(OutputRow.of(oursCsv.toRow(record), fromFile(record)));
  }

  /** The record as a file reader hands it on: its text, the file, its number. */
  private SourceRecord fromFile(String text) {
    return SourceRecord.fromFile(text, SOURCE_FILE, ++recordNumber);
  }

  /** Google's JSON templates on FILE_LOADS: TableRowJsonCoder, then the temp file's line. */
  @Benchmark
  public int jsonToLoadFileBytesGoogle() throws IOException {
    return loadFile.write(googleJsonRow(jsonLines.next()));
  }

  /** Ours before issue 12 on FILE_LOADS: the validated TableRow, then the temp file's line. */
  @Benchmark
  public int jsonToLoadFileBytesOursTableRow() throws RecordException, IOException {
    return loadFile.write(oursJson.toRow(jsonLines.next()));
  }

  /**
   * Ours since issue 12 on FILE_LOADS: the validated TableRow with its record, as the templates
   * hand it to BigQueryIO, written into the Avro temp file by our datum writer.
   */
  @Benchmark
  public OutputRow jsonToLoadFileBytesOursAvro() throws RecordException, IOException {
    String line = jsonLines.next();
    return loadFileAvro.write(OutputRow.of(oursJson.toRow(line), fromFile(line)));
  }

  /** As JsonToRowBenchmark.tableRowJsonCoder: the line's UTF-8 bytes, decoded unchecked. */
  @SuppressWarnings("deprecation") // Coder.Context: the call Google's templates make.
  private static TableRow googleJsonRow(String line) throws IOException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return CODER.decode(new ByteArrayInputStream(bytes), Coder.Context.OUTER);
  }

  private TableRow googleCsvRow(String record) throws IOException {
    CSVRecord values;
    try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(record))) {
      values = parser.iterator().next();
    }
    TableRow row = new TableRow();
    for (int i = 0; i < values.size(); i++) {
      row.set(columns[i], values.get(i));
    }
    return row;
  }

  /** The descriptor the proto bytes are written in, for checks that read them back. */
  BeamStorageWriteRows storageWrite() {
    return storageWrite;
  }

  BeamStorageWriteAvroRows storageWriteAvro() {
    return storageWriteAvro;
  }

  BeamLoadFileRows loadFile() {
    return loadFile;
  }

  /** From now on the Avro temp file's bytes go to {@code file}, a new file, for checks. */
  void writeLoadFileAvroTo(java.io.OutputStream file) {
    loadFileAvro = new BeamLoadFileAvroRows(BenchRows.schema(), file);
  }

  BeamLoadFileAvroRows loadFileAvro() {
    return loadFileAvro;
  }
}
