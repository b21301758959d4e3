package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.OutputRow;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.TableRowCoder;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.JsonPayloadFormat;
import io.bqflex.rows.JsonRowConverter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.io.gcp.bigquery.AvroWriteRequest;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load-file writer of our rows writes what Avro's generic writer writes of {@link
 * TableRowToAvro}'s record, byte for byte, for rows with every type Avro carries at their edges
 * (TableRowToAvroTest's fixture: nulls, empty and nested arrays, records in records), whether the
 * row comes from the converter or has crossed a coder. TableRowToAvroTest checks those records'
 * values against BigQuery's Avro mapping, so these bytes carry the same values.
 */
class OutputRowDatumWriterTest {
  private static final Path FIXTURES = Path.of("src/test/resources/TableRowToAvroTest");

  private TableSchema table;
  private Schema avro;
  private List<TableRow> rows;

  @BeforeEach
  void setUp() throws Exception {
    table = BigQuerySchemas.parse(fixture("schema.json"), "schema.json");
    avro = BigQueryAvroSchemas.forLoadFiles(table);
    JsonPayloadFormat format = new JsonPayloadFormat(new JsonRowConverter(table, false));
    rows = new ArrayList<>();
    for (String line : fixture("rows.jsonl").split("\n")) {
      rows.add(format.toRow(line));
    }
  }

  @Test
  void writesTheBytesOfAvrosGenericWriterForTheConvertersRowsAndForRowsThatCrossedTheCoder()
      throws Exception {
    TableRowToAvro toAvro = new TableRowToAvro();
    DatumWriter<OutputRow> ours = new OutputRowDatumWriter.Factory().apply(avro);
    GenericDatumWriter<GenericRecord> generic = new GenericDatumWriter<>(avro);
    for (TableRow row : rows) {
      for (TableRow form : List.of(row, CoderUtils.clone(TableRowCoder.of(), row))) {
        byte[] expected =
            encoded(out -> generic.write(toAvro.apply(new AvroWriteRequest<>(form, avro)), out));
        byte[] actual = encoded(out -> ours.write(outputRow(form), out));
        assertArrayEquals(expected, actual, "id " + row.getUnknownKeys().get("id"));
      }
    }
  }

  @Test
  void aTemporaryFileOfItsRowsReadsBackAsTheirRecords() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (DataFileWriter<OutputRow> writer =
        new DataFileWriter<>(new OutputRowDatumWriter.Factory().apply(avro))) {
      writer.create(avro, file);
      for (TableRow row : rows) {
        writer.append(outputRow(row));
      }
    }
    List<GenericRecord> read = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(
            new SeekableByteArrayInput(file.toByteArray()), new GenericDatumReader<>())) {
      reader.forEach(read::add);
    }
    TableRowToAvro toAvro = new TableRowToAvro();
    assertEquals(rows.size(), read.size());
    for (int i = 0; i < rows.size(); i++) {
      GenericRecord expected = toAvro.apply(new AvroWriteRequest<>(rows.get(i), avro));
      assertEquals(expected.toString(), read.get(i).toString(), "row " + i);
    }
  }

  @Test
  void namesTheFieldOfARowThatLacksARequiredValue() {
    TableRow row = new TableRow();
    row.getUnknownKeys().put("s", "no id");
    DatumWriter<OutputRow> ours = new OutputRowDatumWriter.Factory().apply(avro);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> encoded(out -> ours.write(outputRow(row), out)));
    assertTrue(e.getMessage().contains("'id'"), e.getMessage());
  }

  @FunctionalInterface
  private interface Write {
    void to(BinaryEncoder out) throws IOException;
  }

  private static byte[] encoded(Write write) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
    write.to(out);
    out.flush();
    return bytes.toByteArray();
  }

  private static OutputRow outputRow(TableRow row) {
    return OutputRow.of(row, SourceRecord.fromFile("{}", "gs://b/rows.json", 1));
  }

  private static String fixture(String name) throws IOException {
    return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
  }
}
