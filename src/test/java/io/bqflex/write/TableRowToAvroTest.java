package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.bqflex.core.TableRowCoder;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.JsonPayloadFormat;
import io.bqflex.rows.JsonRowConverter;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.gcp.bigquery.AvroGenericRecordToStorageApiProto;
import org.apache.beam.sdk.io.gcp.bigquery.AvroWriteRequest;
import org.apache.beam.sdk.io.gcp.bigquery.CivilTimeEncoder;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowToStorageApiProto;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows made by our own JSON converter (as the templates make them) from a table with every type
 * Avro carries, at their edges, turned into GenericRecords: on the Storage Write API the proto Beam
 * makes of the GenericRecord is byte for byte the proto Beam makes of the TableRow, so both paths
 * send BigQuery the same values; in a load file the values read back are the exact ones of
 * BigQuery's Avro mapping (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro).
 */
class TableRowToAvroTest {
  private static final Path FIXTURES = Path.of("src/test/resources/TableRowToAvroTest");

  @TempDir Path temp;

  private TableSchema table;
  private List<TableRow> rows;

  @BeforeEach
  void setUp() throws Exception {
    table = BigQuerySchemas.parse(fixture("schema.json"), "schema.json");
    JsonPayloadFormat format = new JsonPayloadFormat(new JsonRowConverter(table, false));
    rows = new ArrayList<>();
    for (String line : fixture("rows.jsonl").split("\n")) {
      rows.add(format.toRow(line));
    }
  }

  @Test
  void storageWriteProtoOfTheAvroRecordIsByteEqualToBeamsProtoOfTheTableRow() throws Exception {
    Schema avro = BigQueryAvroSchemas.forStorageWrite(table);
    com.google.cloud.bigquery.storage.v1.TableSchema tableProto =
        TableRowToStorageApiProto.schemaToProtoTableSchema(table);
    Descriptor fromTable =
        TableRowToStorageApiProto.getDescriptorFromTableSchema(tableProto, true, false);
    Descriptor fromAvro =
        TableRowToStorageApiProto.getDescriptorFromTableSchema(
            AvroGenericRecordToStorageApiProto.protoTableSchemaFromAvroSchema(avro), true, false);
    TableRowToStorageApiProto.SchemaInformation info =
        TableRowToStorageApiProto.SchemaInformation.fromTableSchema(tableProto);
    TableRowToAvro toAvro = new TableRowToAvro();
    for (int i = 0; i < rows.size(); i++) {
      TableRow row = rows.get(i);
      DynamicMessage beams =
          TableRowToStorageApiProto.messageFromTableRow(
              info, fromTable, row, false, false, null, null, -1);
      GenericRecord record = toAvro.apply(new AvroWriteRequest<>(row, avro));
      DynamicMessage ours =
          AvroGenericRecordToStorageApiProto.messageFromGenericRecord(fromAvro, record, null, -1);
      assertArrayEquals(
          beams.toByteArray(), ours.toByteArray(), "row " + (i + 1) + ": " + beams + " vs " + ours);
    }
  }

  /**
   * A row that crossed a coder between steps (our TableRowCoder, Beam's JSON bytes) holds plain
   * maps, lists and numbers where the converter put trees and nested TableRows, and quoted NaN: its
   * proto is still the one of the row the converter made.
   */
  @Test
  void aRowThatCrossedTheCoderGivesTheSameProtoAsTheConvertersRow() throws Exception {
    Schema avro = BigQueryAvroSchemas.forStorageWrite(table);
    Descriptor descriptor =
        TableRowToStorageApiProto.getDescriptorFromTableSchema(
            AvroGenericRecordToStorageApiProto.protoTableSchemaFromAvroSchema(avro), true, false);
    TableRowToAvro toAvro = new TableRowToAvro();
    for (TableRow row : rows) {
      TableRow decoded = CoderUtils.clone(TableRowCoder.of(), row);
      byte[] original =
          AvroGenericRecordToStorageApiProto.messageFromGenericRecord(
                  descriptor, toAvro.apply(new AvroWriteRequest<>(row, avro)), null, -1)
              .toByteArray();
      byte[] afterCoder =
          AvroGenericRecordToStorageApiProto.messageFromGenericRecord(
                  descriptor, toAvro.apply(new AvroWriteRequest<>(decoded, avro)), null, -1)
              .toByteArray();
      assertArrayEquals(original, afterCoder, "id " + row.getUnknownKeys().get("id"));
    }
  }

  @Test
  void storageWriteDatetimeIsPackedAsTheStorageWriteApiReadsIt() {
    GenericRecord record = storageWriteRecord(rows.get(0));
    LocalDateTime expected = LocalDateTime.parse("2024-02-29T12:34:56.123456");
    assertEquals(CivilTimeEncoder.encodePacked64DatetimeMicros(expected), record.get("dt"));
  }

  /**
   * Why {@link BigQueryAvroSchemas#forStorageWrite} differs: with the load file's
   * local-timestamp-micros, Beam 2.73 sends the epoch microseconds as they are, while BigQuery
   * reads an int64 DATETIME as CivilTimeEncoder's packed form
   * (https://cloud.google.com/bigquery/docs/supported-data-types).
   */
  @Test
  void beamSendsLocalTimestampMicrosUnpackedSoTheLoadFileSchemaWouldChangeADatetime()
      throws Exception {
    Schema load = BigQueryAvroSchemas.forLoadFiles(table);
    Descriptor descriptor =
        TableRowToStorageApiProto.getDescriptorFromTableSchema(
            AvroGenericRecordToStorageApiProto.protoTableSchemaFromAvroSchema(load), true, false);
    GenericRecord record = new TableRowToAvro().apply(new AvroWriteRequest<>(rows.get(0), load));
    DynamicMessage message =
        AvroGenericRecordToStorageApiProto.messageFromGenericRecord(descriptor, record, null, -1);
    Object sent = message.getField(descriptor.findFieldByName("dt"));
    assertEquals(micros("2024-02-29T12:34:56.123456Z"), sent);
    assertNotEquals(
        CivilTimeEncoder.encodePacked64DatetimeMicros(
            LocalDateTime.parse("2024-02-29T12:34:56.123456")),
        sent);
  }

  @Test
  void loadFileHoldsTheExactValuesOfTheFirstRow() throws Exception {
    GenericRecord row = writtenAndReadBack().get(0);
    assertEquals("Zoë ☃ 東京 🎉 \u0000 end", row.get("s").toString());
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    assertArrayEquals(all, bytes(row.get("b")));
    assertEquals(Long.MAX_VALUE, row.get("i"));
    assertEquals(1.5e-3, row.get("fl"));
    assertEquals(new BigDecimal("99999999999999999999999999999.999999999"), decimal(row, "n", 9));
    assertEquals(new BigDecimal("-999.990000000"), decimal(row, "n52", 9));
    assertEquals(
        new BigDecimal(
            "578960446186580977117854925043439539266.34992332820282019728792003956564819967"),
        decimal(row, "bn", 38));
    assertEquals(true, row.get("ok"));
    assertEquals(micros("2024-02-29T12:34:56.123456Z"), row.get("ts"));
    assertEquals((int) LocalDate.parse("2024-02-29").toEpochDay(), row.get("d"));
    assertEquals(LocalTime.parse("23:59:59.999999").toNanoOfDay() / 1000, row.get("t"));
    // local-timestamp-micros: the wall-clock time as if it were UTC.
    assertEquals(micros("2024-02-29T12:34:56.123456Z"), row.get("dt"));
    assertEquals("POINT(1 2)", row.get("g").toString());
    assertEquals("{\"a\":[1,\"x\",null],\"b\":{\"c\":true},\"u\":\"é\"}", row.get("j").toString());
    assertEquals("column named f", row.get("f").toString());
    assertEquals(-42L, row.get("MixedCase"));
    assertEquals(1L, row.get("id"));
    assertEquals(List.of("a", "", "ü"), strings(row.get("tags")));
    assertEquals(List.of(0, (int) LocalDate.parse("2000-02-29").toEpochDay()), row.get("days"));
    GenericRecord address = (GenericRecord) row.get("address");
    assertEquals("75001", address.get("zip").toString());
    assertEquals(-1L, address.get("f"), "1969-12-31T23:59:59.999999Z is one micro before 1970");
    GenericRecord geo = (GenericRecord) address.get("geo");
    assertEquals(
        List.of(micros("0001-01-01T00:00:00Z"), micros("9999-12-31T23:59:59.999999Z")),
        geo.get("when"));
    assertEquals(new BigDecimal("-1E-38"), decimal(geo, "amount", 38).stripTrailingZeros());
    List<?> items = (List<?>) row.get("items");
    GenericRecord first = (GenericRecord) items.get(0);
    assertEquals(new BigDecimal("-0.000000001"), decimal(first, "price", 9));
    assertEquals(0L, first.get("at"));
    assertArrayEquals(new byte[0], bytes(first.get("raw")));
    GenericRecord second = (GenericRecord) items.get(1);
    assertEquals("B", second.get("sku").toString());
    assertNull(second.get("price"));
  }

  @Test
  void loadFileHoldsTheEdgesOfEachRange() throws Exception {
    List<GenericRecord> read = writtenAndReadBack();
    GenericRecord low = read.get(1);
    assertEquals(Long.MIN_VALUE, low.get("id"));
    assertEquals(Double.NEGATIVE_INFINITY, low.get("fl"));
    assertEquals(new BigDecimal("-99999999999999999999999999999.999999999"), decimal(low, "n", 9));
    assertEquals(
        new BigDecimal(
            "-578960446186580977117854925043439539266.34992332820282019728792003956564819968"),
        decimal(low, "bn", 38));
    assertEquals(micros("0001-01-01T00:00:00Z"), low.get("ts"));
    assertEquals((int) LocalDate.parse("0001-01-01").toEpochDay(), low.get("d"));
    assertEquals(0L, low.get("t"));
    assertEquals(-1L, low.get("dt"));
    assertEquals("\"just a string\"", low.get("j").toString());
    assertNull(low.get("address"));
    GenericRecord high = read.get(2);
    assertTrue(Double.isNaN((Double) high.get("fl")));
    assertEquals(micros("9999-12-31T23:59:59.999999Z"), high.get("ts"));
    assertEquals((int) LocalDate.parse("9999-12-31").toEpochDay(), high.get("d"));
    assertEquals(micros("1900-03-01T00:00:00.000001Z"), high.get("dt"));
    assertEquals("42", high.get("j").toString());
    assertEquals(new BigDecimal("-1.5"), decimal(high, "bn", 38).stripTrailingZeros());
    assertNull(((GenericRecord) high.get("address")).get("geo"));
    GenericRecord zoned = read.get(3);
    // 1900-02-28 23:59:59.5 at +01:00 is 22:59:59.5 UTC.
    assertEquals(micros("1900-02-28T22:59:59.500000Z"), zoned.get("ts"));
    assertNull(zoned.get("s"));
    assertNull(zoned.get("j"));
    assertEquals(List.of(), zoned.get("tags"));
    assertEquals(List.of(), zoned.get("items"));
  }

  @Test
  void compilesOnePlanForEqualSchemasAndKeepsTheirRecordsEqual() {
    TableRowToAvro toAvro = new TableRowToAvro();
    Schema one = BigQueryAvroSchemas.forLoadFiles(table);
    Schema two = BigQueryAvroSchemas.forLoadFiles(table);
    GenericRecord first = toAvro.apply(new AvroWriteRequest<>(rows.get(0), one));
    GenericRecord second = toAvro.apply(new AvroWriteRequest<>(rows.get(0), two));
    assertEquals(first, second);
    assertSame(first.getSchema(), second.getSchema(), "the plan of the equal schema is reused");
  }

  @Test
  void loadFileAndStorageWriteDifferOnlyInTheDatetimeEncoding() {
    GenericRecord load =
        new TableRowToAvro()
            .apply(new AvroWriteRequest<>(rows.get(0), BigQueryAvroSchemas.forLoadFiles(table)));
    GenericRecord storage = storageWriteRecord(rows.get(0));
    assertNotEquals(load.get("dt"), storage.get("dt"));
    assertEquals(load.get("ts"), storage.get("ts"));
  }

  @Test
  void namesTheFieldOfARowThatLacksARequiredValue() {
    TableRow row = new TableRow();
    row.getUnknownKeys().put("s", "no id");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> storageWriteRecord(row));
    assertTrue(e.getMessage().contains("'id'"), e.getMessage());
  }

  @Test
  void refusesATimeThatIsNotInOurCanonicalForm() {
    TableRow row = new TableRow();
    row.getUnknownKeys().put("id", "1");
    row.getUnknownKeys().put("ts", "2024-02-29 12:34:56 UTC");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> storageWriteRecord(row));
    assertTrue(e.getMessage().contains("'ts'"), e.getMessage());
  }

  private GenericRecord storageWriteRecord(TableRow row) {
    return new TableRowToAvro()
        .apply(new AvroWriteRequest<>(row, BigQueryAvroSchemas.forStorageWrite(table)));
  }

  /** All rows through a load file: written with Avro's generic writer, read back raw. */
  private List<GenericRecord> writtenAndReadBack() throws IOException {
    Schema avro = BigQueryAvroSchemas.forLoadFiles(table);
    TableRowToAvro toAvro = new TableRowToAvro();
    File file = temp.resolve("rows.avro").toFile();
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(avro))) {
      writer.create(avro, file);
      for (TableRow row : rows) {
        writer.append(toAvro.apply(new AvroWriteRequest<>(row, avro)));
      }
    }
    List<GenericRecord> read = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(file, new GenericDatumReader<GenericRecord>())) {
      reader.forEach(read::add);
    }
    return read;
  }

  private static long micros(String instant) {
    Instant parsed = Instant.parse(instant);
    return parsed.getEpochSecond() * 1_000_000L + parsed.getNano() / 1000;
  }

  private static BigDecimal decimal(GenericRecord record, String field, int scale) {
    return new BigDecimal(new BigInteger(bytes(record.get(field))), scale);
  }

  private static byte[] bytes(Object value) {
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static List<String> strings(Object values) {
    List<String> out = new ArrayList<>();
    for (Object value : (List<?>) values) {
      out.add(value.toString());
    }
    return out;
  }

  private static String fixture(String name) throws IOException {
    return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
  }
}
