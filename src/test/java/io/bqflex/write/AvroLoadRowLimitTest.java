package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.JsonRowConverter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.io.gcp.bigquery.AvroWriteRequest;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * A load job refuses an Avro file whose data block is over 16 MB, and with it the whole load:
 * https://cloud.google.com/bigquery/quotas#load_jobs ("Avro: Maximum size for file data blocks: 16
 * MB"). On Avro load files the row limit is that block, less the records before the row in it.
 */
class AvroLoadRowLimitTest {
  private static final String EVERY_TYPE = fixture("AvroLoadFilesTest/schema.json");

  @Test
  void limitIsTheDocumentedSixteenMegabyteBlockLessAvrosSyncInterval() {
    assertEquals(16_000_000L - 64_000L, LoadJobRowLimit.AVRO_ROW_LIMIT_BYTES);
  }

  @Test
  void fileLoadsOfAnAvroTableCheckTheAvroLimitAndOthersTheJsonLimit() {
    assertEquals(LoadJobRowLimit.AVRO_ROW_LIMIT_BYTES, limitOf(EVERY_TYPE));
    assertEquals(
        LoadJobRowLimit.JSON_ROW_LIMIT_BYTES,
        limitOf("[{\"name\":\"b\",\"type\":\"BIGNUMERIC\"}]"));
    assertEquals(
        LoadJobRowLimit.JSON_ROW_LIMIT_BYTES, limitOf("[{\"name\":\"a-b\",\"type\":\"STRING\"}]"));
  }

  private static long limitOf(String schemaJson) {
    return WriteSettings.of(
            PipelineOptionsFactory.as(BigQueryOutputOptions.class),
            "outputTable",
            "my-project:shop.orders",
            schemaJson)
        .loadJobRowLimit()
        .limitBytes();
  }

  @Test
  void deadLettersARowWhoseAvroRecordIsOverTheLimitNamingIt() {
    String schemaJson =
        "[{\"name\":\"note\",\"type\":\"STRING\"},{\"name\":\"n\",\"type\":\"INT64\"}]";
    TableRow row = new TableRow().set("note", "é".repeat(500)).set("n", "42");
    long size = sizeOf(schemaJson).encodedSize(row);

    RecordException refused =
        assertThrows(
            RecordException.class,
            () -> LoadJobRowLimit.forAvroLoads(schemaJson, size - 1).check(row));

    assertEquals(Stage.WRITE, refused.stage());
    assertTrue(
        refused.getMessage().contains(String.format("Avro file is %,d bytes", size)),
        refused.getMessage());
    assertDoesNotThrow(() -> LoadJobRowLimit.forAvroLoads(schemaJson, size).check(row));
  }

  @Test
  void measuresTheRecordAsAvrosBinaryEncodingOfTableRowToAvrosRecord() throws Exception {
    TableSchema schema = BigQuerySchemas.parse(EVERY_TYPE, "schema");
    Schema avro = BigQueryAvroSchemas.forLoadFiles(schema);
    AvroRowSize size = AvroRowSize.forLoadFiles(schema);
    for (TableRow row : everyTypeRows()) {
      GenericRecord record = new TableRowToAvro().apply(new AvroWriteRequest<>(row, avro));
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(written, null);
      new GenericDatumWriter<GenericRecord>(avro).write(record, encoder);
      encoder.flush();

      assertEquals(written.size(), size.encodedSize(row));
    }
  }

  /** The walk that spares most typed rows a measurement must never be under the record. */
  @Test
  void rowWalkBoundIsNeverUnderTheMeasuredRecord() {
    String schemaJson =
        "[{\"name\":\"s\",\"type\":\"STRING\"},{\"name\":\"b\",\"type\":\"BYTES\"},"
            + "{\"name\":\"n\",\"type\":\"NUMERIC\"},{\"name\":\"ts\",\"type\":\"TIMESTAMP\"},"
            + "{\"name\":\"d\",\"type\":\"DATE\"},{\"name\":\"fl\",\"type\":\"FLOAT64\"},"
            + "{\"name\":\"tags\",\"type\":\"STRING\",\"mode\":\"REPEATED\"},"
            + "{\"name\":\"r\",\"type\":\"RECORD\",\"mode\":\"REPEATED\",\"fields\":["
            + "{\"name\":\"i\",\"type\":\"INT64\"},{\"name\":\"ok\",\"type\":\"BOOL\"}]}]";
    TableSchema schema = BigQuerySchemas.parse(schemaJson, "schema");
    AvroRowSize size = AvroRowSize.forLoadFiles(schema);
    JsonRowConverter converter = new JsonRowConverter(schema, false);
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < 300; i++) {
      String line = randomLine(random);
      TableRow row = convert(converter, line);
      long measured = size.encodedSize(row);
      long bound = size.upperBound(row);
      assertTrue(
          bound >= measured, "seed " + seed + ": " + bound + " < " + measured + " of " + line);
    }
    for (TableRow row : everyTypeRows()) {
      AvroRowSize everyType = AvroRowSize.forLoadFiles(BigQuerySchemas.parse(EVERY_TYPE, "s"));
      assertTrue(everyType.upperBound(row) >= everyType.encodedSize(row), row.toString());
    }
  }

  /**
   * A record whose payload is small enough is not walked: its payload must bound its Avro, even
   * where Avro spends bytes the payload does not (absent fields, a NUMERIC from one digit, the
   * fields of many empty elements of a wide REPEATED RECORD).
   */
  @Test
  void payloadBoundIsNeverUnderTheMeasuredRecord() {
    List<String> wideFields = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      wideFields.add("{\"name\":\"f" + i + "\",\"type\":\"NUMERIC\"}");
    }
    String wideSchema =
        "[{\"name\":\"id\",\"type\":\"INT64\"},{\"name\":\"items\",\"type\":\"RECORD\","
            + "\"mode\":\"REPEATED\",\"fields\":["
            + String.join(",", wideFields)
            + "]}]";
    assertPayloadBounds(wideSchema, "{\"items\":[" + "{},".repeat(200) + "{}]}");
    assertPayloadBounds(wideSchema, "{\"items\":[{\"f0\":1,\"f1\":9,\"f2\":1}],\"id\":1}");
    assertPayloadBounds(wideSchema, "{}");
    for (String line : fixture("AvroLoadFilesTest/rows.jsonl").lines().toList()) {
      assertPayloadBounds(EVERY_TYPE, line);
    }
    assertPayloadBounds(EVERY_TYPE, "{\"id\":1,\"n\":1,\"fl\":1,\"ts\":1,\"tags\":[\"\",\"\"]}");
  }

  private static void assertPayloadBounds(String schemaJson, String line) {
    TableSchema schema = BigQuerySchemas.parse(schemaJson, "schema");
    AvroRowSize size = AvroRowSize.forLoadFiles(schema);
    TableRow row = convert(new JsonRowConverter(schema, false), line);
    SourceRecord record = SourceRecord.fromFile(line, "gs://b/f.json", 1);
    long measured = size.encodedSize(row);
    assertFalse(
        size.cannotExceed(record.payloadSizeBound(), measured - 1),
        "a " + measured + "-byte record passed unmeasured from " + line);
  }

  private static List<TableRow> everyTypeRows() {
    JsonRowConverter converter =
        new JsonRowConverter(BigQuerySchemas.parse(EVERY_TYPE, "schema"), false);
    return fixture("AvroLoadFilesTest/rows.jsonl").lines().map(l -> convert(converter, l)).toList();
  }

  private static String randomLine(Random random) {
    StringBuilder line = new StringBuilder("{\"s\":\"");
    line.append("é☃\\\"\\\\a🎉".repeat(random.nextInt(4))).append("\"");
    if (random.nextBoolean()) {
      line.append(",\"b\":\"").append("AAEC".repeat(random.nextInt(5))).append("\"");
    }
    if (random.nextBoolean()) {
      line.append(",\"n\":\"-").append("9".repeat(1 + random.nextInt(29))).append(".5\"");
    }
    if (random.nextBoolean()) {
      line.append(",\"ts\":\"9999-12-31T23:59:59.999999Z\",\"d\":\"0001-01-01\",\"fl\":1e300");
    }
    line.append(",\"tags\":[");
    for (int t = random.nextInt(4); t > 0; t--) {
      line.append("\"x\"").append(t > 1 ? "," : "");
    }
    line.append("],\"r\":[");
    for (int r = random.nextInt(4); r > 0; r--) {
      line.append("{\"i\":-9223372036854775808,\"ok\":true}").append(r > 1 ? "," : "");
    }
    return line.append("]}").toString();
  }

  private static TableRow convert(JsonRowConverter converter, String line) {
    try {
      return converter.convert(line);
    } catch (RecordException e) {
      throw new IllegalArgumentException(line, e);
    }
  }

  private static AvroRowSize sizeOf(String schemaJson) {
    return AvroRowSize.forLoadFiles(BigQuerySchemas.parse(schemaJson, "schema"));
  }

  private static String fixture(String path) {
    try {
      return Files.readString(Path.of("src/test/resources", path), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
