package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.rows.ParquetOptions;
import io.bqflex.rows.ParquetRowConverter;
import io.bqflex.rows.ParquetTableSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One row of a Parquet file: read by the Parquet library alone (its record reader into a {@link
 * Group}), and read and converted to a TableRow by {@link ParquetRowConverter} against the file's
 * own schema. The file holds the ten columns of the order table the text benchmarks use, in
 * Parquet's types; both figures include reading pages, so their ratio is the share of a record's
 * time the conversion leaves to reading.
 */
@State(Scope.Thread)
public class ParquetReaderBenchmark {
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message order { required int64 id; optional binary customer (STRING);"
              + " optional int64 amount (DECIMAL(18,2));"
              + " optional int64 ordered_at (TIMESTAMP(MICROS,true)); optional boolean paid;"
              + " optional int32 delivery_date (DATE); optional double score;"
              + " optional int32 quantity; optional binary country (STRING);"
              + " optional binary note (STRING); }");

  private static final String[] CUSTOMERS = {
    "Ada Lovelace", "Grace Hopper", "Smith, John", "Alan Turing", "Katherine Johnson",
    "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Margaret Hamilton", "Ken Thompson"
  };
  private static final String[] COUNTRIES = {"DE", "FR", "US", "JP", "BR", "IN", "GB", "NL"};
  private static final String[] NOTES = {
    "", "", "", "Gift wrap", "Leave at the door, please", "Call before delivery", "", ""
  };

  /** Rows in the file; the reader starts over at its end. Lowered by the harness test. */
  int rows = 50_000;

  private Path file;
  private ParquetFileReader reader;
  private RecordReader<Group> records;
  private long leftInRowGroup;
  private ParquetRowConverter converter;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("bqflex-bench-", ".parquet");
    Files.delete(file); // the writer creates it
    write(file, rows);
    converter =
        new ParquetRowConverter(
            ParquetTableSchemas.toTableSchema(SCHEMA, new ParquetOptions(false, false, null)),
            new ParquetOptions(false, false, null),
            false);
    open();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    reader.close();
    Files.deleteIfExists(file);
  }

  /** The Parquet library alone: the next record as its example Group. */
  @Benchmark
  public Group parquetReader() throws IOException {
    return next();
  }

  /** Read and converted to BigQuery's canonical TableRow, every value checked. */
  @Benchmark
  public TableRow ours() throws IOException, RecordException {
    return converter.toRow(next());
  }

  Group next() throws IOException {
    while (leftInRowGroup == 0) {
      PageReadStore rowGroup = reader.readNextRowGroup();
      if (rowGroup == null) {
        reader.close();
        open();
        continue;
      }
      records =
          new ColumnIOFactory()
              .getColumnIO(SCHEMA)
              .getRecordReader(rowGroup, new GroupRecordConverter(SCHEMA));
      leftInRowGroup = rowGroup.getRowCount();
    }
    leftInRowGroup--;
    return records.read();
  }

  private void open() throws IOException {
    reader = ParquetFileReader.open(new LocalInputFile(file), ParquetReadOptions.builder().build());
    leftInRowGroup = 0;
  }

  private static void write(Path file, int rows) throws IOException {
    Random random = new Random(20261201L);
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    // 2026-11-01T00:00:00Z and 2026-12-01 as UNIX epoch microseconds and days.
    long november = 1_793_491_200_000_000L;
    int december = 20_788;
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA).build()) {
      for (int id = 1; id <= rows; id++) {
        Group row =
            groups
                .newGroup()
                .append("id", (long) id)
                .append("customer", CUSTOMERS[random.nextInt(CUSTOMERS.length)])
                .append("amount", (long) random.nextInt(10_000_000))
                .append("ordered_at", november + (long) random.nextInt(28 * 86_400) * 1_000_000L)
                .append("paid", random.nextBoolean())
                .append("delivery_date", december + random.nextInt(28))
                .append("score", Math.round(random.nextDouble() * 100_000) / 1000.0)
                .append("quantity", 1 + random.nextInt(20))
                .append("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        String note = NOTES[random.nextInt(NOTES.length)];
        if (!note.isEmpty()) {
          row.append("note", note);
        }
        writer.write(row);
      }
    }
  }
}
