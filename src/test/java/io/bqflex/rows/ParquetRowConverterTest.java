package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values written by parquet-hadoop's example writer to a real file, read back with the library's
 * record reader, and converted: each row of the "Parquet conversions" table of
 * https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-parquet (schema and value), the
 * options, our extensions, and a user's JSONPath schema checked as BigQuery does.
 */
class ParquetRowConverterTest {
  private static final ParquetOptions DEFAULTS = new ParquetOptions(false, false, null);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private int files;

  /** Writes one record and reads it back. */
  private Group written(MessageType schema, Consumer<Group> values) throws IOException {
    Group group = ParquetTestFiles.newGroup(schema);
    values.accept(group);
    return ParquetTestFiles.writeAndRead(
            dir.resolve("f" + files++ + ".parquet"), schema, List.of(group))
        .get(0);
  }

  private static MessageType message(String fields) {
    return ParquetTestFiles.schema("message m { " + fields + " }");
  }

  private static Arguments row(String field, Consumer<Group> value, String type, Object expected) {
    return Arguments.of(field, value, type, expected);
  }

  private static Binary bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return Binary.fromConstantByteArray(out);
  }

  /** {@code value}'s unscaled integer as big-endian two's complement in {@code length} bytes. */
  private static Binary unscaled(String value, int length) {
    byte[] minimal = new BigDecimal(value).unscaledValue().toByteArray();
    byte[] out = new byte[length];
    Arrays.fill(out, minimal[0] < 0 ? (byte) 0xFF : 0);
    System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
    return Binary.fromConstantByteArray(out);
  }

  static Stream<Arguments> tableRows() {
    return Stream.of(
        row("boolean c", g -> g.add("c", true), "BOOLEAN", true),
        row("int32 c", g -> g.add("c", -5), "INTEGER", "-5"),
        row("int32 c (INTEGER(8,true))", g -> g.add("c", -128), "INTEGER", "-128"),
        row("int32 c (INTEGER(16,true))", g -> g.add("c", -32768), "INTEGER", "-32768"),
        row(
            "int32 c (INTEGER(32,true))",
            g -> g.add("c", Integer.MIN_VALUE),
            "INTEGER",
            "-2147483648"),
        row("int32 c (INTEGER(8,false))", g -> g.add("c", 255), "INTEGER", "255"),
        row("int32 c (INTEGER(16,false))", g -> g.add("c", 65535), "INTEGER", "65535"),
        row("int32 c (INTEGER(32,false))", g -> g.add("c", -1), "INTEGER", "4294967295"),
        row("int32 c (DECIMAL(9,2))", g -> g.add("c", -12345), "NUMERIC", "-123.45"),
        row("int32 c (DATE)", g -> g.add("c", 19675), "DATE", "2023-11-14"),
        row("int32 c (DATE)", g -> g.add("c", -719162), "DATE", "0001-01-01"),
        row("int64 c", g -> g.add("c", Long.MIN_VALUE), "INTEGER", "-9223372036854775808"),
        row("int64 c (INTEGER(64,true))", g -> g.add("c", 42L), "INTEGER", "42"),
        row(
            "int64 c (INTEGER(64,false))",
            g -> g.add("c", Long.MAX_VALUE),
            "INTEGER",
            "9223372036854775807"),
        row(
            "int64 c (DECIMAL(18,9))",
            g -> g.add("c", 123456789012345678L),
            "NUMERIC",
            "123456789.012345678"),
        row(
            "int64 c (TIMESTAMP(MILLIS,true))",
            g -> g.add("c", 1700000000123L),
            "TIMESTAMP",
            "2023-11-14T22:13:20.123000Z"),
        row(
            "int64 c (TIMESTAMP(MICROS,true))",
            g -> g.add("c", 1700000000123456L),
            "TIMESTAMP",
            "2023-11-14T22:13:20.123456Z"),
        row(
            "int64 c (TIMESTAMP(MICROS,true))",
            g -> g.add("c", -1L),
            "TIMESTAMP",
            "1969-12-31T23:59:59.999999Z"),
        // Julian day 2460263 is 2023-11-14; 80000123456789 ns is 22:13:20.123456789.
        row(
            "int96 c",
            g -> g.add("c", new NanoTime(2460263, 80_000_123_456_789L)),
            "TIMESTAMP",
            "2023-11-14T22:13:20.123456Z"),
        row("float c", g -> g.add("c", 1.5f), "FLOAT", 1.5),
        row("double c", g -> g.add("c", 0.1), "FLOAT", 0.1),
        row("binary c", g -> g.add("c", bytes(0, 1, 2, 255)), "BYTES", "AAEC/w=="),
        row("binary c (STRING)", g -> g.add("c", "héllo ✓ 😀"), "STRING", "héllo ✓ 😀"),
        row("binary c (UTF8)", g -> g.add("c", "x"), "STRING", "x"),
        row("binary c (ENUM)", g -> g.add("c", "RED"), "BYTES", "UkVE"),
        row(
            "fixed_len_byte_array(16) c (DECIMAL(38,9))",
            g -> g.add("c", unscaled("-12345678901234567890123456789.123456789", 16)),
            "NUMERIC",
            "-12345678901234567890123456789.123456789"),
        row("fixed_len_byte_array(2) c", g -> g.add("c", bytes(255, 0)), "BYTES", "/wA="),
        // Our documented extensions:
        row(
            "int64 c (TIMESTAMP(MILLIS,false))",
            g -> g.add("c", 1700000000123L),
            "DATETIME",
            "2023-11-14T22:13:20.123000"),
        row(
            "int64 c (TIMESTAMP(MICROS,false))",
            g -> g.add("c", 1700000000123456L),
            "DATETIME",
            "2023-11-14T22:13:20.123456"),
        row("int32 c (TIME(MILLIS,true))", g -> g.add("c", 45296789), "TIME", "12:34:56.789000"),
        row(
            "int64 c (TIME(MICROS,false))",
            g -> g.add("c", 45296789012L),
            "TIME",
            "12:34:56.789012"),
        row(
            "binary c (JSON)",
            g -> g.add("c", "{\"a\": [1, 2.5]}"),
            "JSON",
            JSON.createObjectNode().set("a", JSON.createArrayNode().add(1).add(2.5))),
        row(
            "binary c (DECIMAL(20,4))",
            g -> g.add("c", unscaled("-1234567890123456.7891", 9)),
            "NUMERIC",
            "-1234567890123456.7891"));
  }

  @ParameterizedTest(name = "{0} -> {2} {3}")
  @MethodSource("tableRows")
  void convertsEachRowOfBigQuerysParquetTable(
      String field, Consumer<Group> value, String type, Object expected)
      throws IOException, RecordException {
    MessageType schema = message("required " + field + ";");
    Group record = written(schema, value);
    // The file's own schema, as the library read it back.
    TableSchema table = ParquetTableSchemas.toTableSchema((MessageType) record.getType(), DEFAULTS);
    assertEquals(type, table.getFields().get(0).getType());
    TableRow row = new ParquetRowConverter(table, DEFAULTS, false).toRow(record);
    assertEquals(expected, row.get("c"));
  }

  private static TableSchema jsonPath(String json) {
    return BigQuerySchemas.parse(json, "JSONPath");
  }

  private static RecordException convertFails(ParquetRowConverter converter, Group record) {
    RecordException e = assertThrows(RecordException.class, () -> converter.toRow(record));
    assertEquals(Stage.CONVERT, e.stage());
    return e;
  }

  private static final String NESTED =
      "required int64 id; optional binary name (STRING); repeated int32 scores;"
          + " optional group address { required binary city (STRING);"
          + " repeated group lines { optional binary text (STRING); } }";

  @Test
  void convertsNestedGroupsAndRepeatedFields() throws IOException, RecordException {
    Group record =
        written(
            message(NESTED),
            g -> {
              g.add("id", 7L);
              g.add("scores", 1);
              g.add("scores", 2);
              Group address = g.addGroup("address");
              address.add("city", "Zürich");
              address.addGroup("lines").add("text", "Bahnhofstrasse 1");
              address.addGroup("lines");
            });
    TableRow row =
        new ParquetRowConverter(
                ParquetTableSchemas.toTableSchema(message(NESTED), DEFAULTS), DEFAULTS, false)
            .toRow(record);
    assertEquals("7", row.get("id"));
    assertFalse(row.containsKey("name"), "a null is left out");
    assertEquals(List.of("1", "2"), row.get("scores"));
    TableRow address = (TableRow) row.get("address");
    assertEquals("Zürich", address.get("city"));
    List<?> lines = (List<?>) address.get("lines");
    assertEquals("Bahnhofstrasse 1", ((TableRow) lines.get(0)).get("text"));
    assertTrue(((TableRow) lines.get(1)).isEmpty());
  }

  private static final String LIST =
      "optional group tags (LIST) { repeated group list { optional binary element (STRING); } }";

  private Group listRecord(String... tags) throws IOException {
    return written(
        message(LIST),
        g -> {
          Group list = g.addGroup("tags");
          for (String tag : tags) {
            Group holder = list.addGroup("list");
            if (tag != null) {
              holder.add("element", tag);
            }
          }
        });
  }

  @Test
  void listInferenceMakesAListARepeatedColumn() throws IOException, RecordException {
    ParquetOptions inference = new ParquetOptions(true, false, null);
    ParquetRowConverter converter =
        new ParquetRowConverter(
            ParquetTableSchemas.toTableSchema(message(LIST), inference), inference, false);
    assertEquals(List.of("a", "b"), converter.toRow(listRecord("a", "b")).get("tags"));
    assertFalse(converter.toRow(listRecord()).containsKey("tags"), "an empty list is left out");
    RecordException e = convertFails(converter, listRecord("a", null));
    assertTrue(e.getMessage().contains("'tags[1]'"), e.getMessage());
    assertTrue(e.getMessage().contains("null is not allowed"), e.getMessage());
  }

  @Test
  void withoutListInferenceAListIsNestedRecords() throws IOException, RecordException {
    ParquetRowConverter converter =
        new ParquetRowConverter(
            ParquetTableSchemas.toTableSchema(message(LIST), DEFAULTS), DEFAULTS, false);
    TableRow tags = (TableRow) converter.toRow(listRecord("a", null)).get("tags");
    List<?> list = (List<?>) tags.get("list");
    assertEquals("a", ((TableRow) list.get(0)).get("element"));
    assertTrue(((TableRow) list.get(1)).isEmpty(), "a null element is a NULL in its record");
  }

  @Test
  void enumAsStringMakesAnEnumText() throws IOException, RecordException {
    ParquetOptions enumAsString = new ParquetOptions(false, true, null);
    MessageType schema = message("required binary c (ENUM);");
    ParquetRowConverter converter =
        new ParquetRowConverter(
            ParquetTableSchemas.toTableSchema(schema, enumAsString), enumAsString, false);
    assertEquals("RED", converter.toRow(written(schema, g -> g.add("c", "RED"))).get("c"));
  }

  @Test
  void invalidUtf8InAStringFailsNamingTheColumn() throws IOException {
    MessageType schema = message("optional group g { required binary s (STRING); }");
    Group record = written(schema, g -> g.addGroup("g").add("s", bytes('o', 'k', 0xC3, 0x28)));
    RecordException e =
        convertFails(
            new ParquetRowConverter(
                ParquetTableSchemas.toTableSchema(schema, DEFAULTS), DEFAULTS, false),
            record);
    assertTrue(e.getMessage().startsWith("field 'g.s'"), e.getMessage());
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @Test
  void aGenuineReplacementCharacterIsText() throws IOException, RecordException {
    MessageType schema = message("required binary s (STRING);");
    Group record = written(schema, g -> g.add("s", "a\uFFFDb"));
    assertEquals(
        "a\uFFFDb",
        new ParquetRowConverter(
                ParquetTableSchemas.toTableSchema(schema, DEFAULTS), DEFAULTS, false)
            .toRow(record)
            .get("s"));
  }

  @Test
  void uint64AboveInt64FailsItsRecord() throws IOException {
    MessageType schema = message("required int64 big (INTEGER(64,false));");
    RecordException e =
        convertFails(
            new ParquetRowConverter(
                ParquetTableSchemas.toTableSchema(schema, DEFAULTS), DEFAULTS, false),
            written(schema, g -> g.add("big", -1L)));
    assertTrue(e.getMessage().contains("'big'"), e.getMessage());
    assertTrue(e.getMessage().contains("18446744073709551615"), e.getMessage());
  }

  @Test
  void datesAndTimestampsOutsideBigQuerysRangeFail() throws IOException {
    MessageType schema =
        message("required int32 d (DATE); required int64 t (TIMESTAMP(MILLIS,true));");
    ParquetRowConverter converter =
        new ParquetRowConverter(
            ParquetTableSchemas.toTableSchema(schema, DEFAULTS), DEFAULTS, false);
    RecordException date =
        convertFails(converter, written(schema, g -> g.append("d", 2932897).append("t", 0L)));
    assertTrue(date.getMessage().startsWith("field 'd'"), date.getMessage());
    RecordException timestamp =
        convertFails(converter, written(schema, g -> g.append("d", 0).append("t", Long.MIN_VALUE)));
    assertTrue(timestamp.getMessage().startsWith("field 't'"), timestamp.getMessage());
  }

  @Test
  void compilesOnePlanPerParquetSchema() throws IOException, RecordException {
    TableSchema table =
        jsonPath("[{\"name\":\"a\",\"type\":\"INTEGER\"},{\"name\":\"b\",\"type\":\"STRING\"}]");
    ParquetRowConverter converter = new ParquetRowConverter(table, DEFAULTS, false);
    TableRow first = converter.toRow(written(message("required int64 a;"), g -> g.add("a", 1L)));
    TableRow second =
        converter.toRow(
            written(
                message("optional binary b (STRING); required int32 a;"),
                g -> g.append("b", "x").append("a", 2)));
    TableRow again = converter.toRow(written(message("required int64 a;"), g -> g.add("a", 3L)));
    assertEquals("1", first.get("a"));
    assertEquals("x", second.get("b"));
    assertEquals("2", second.get("a"));
    assertEquals("3", again.get("a"));
  }

  @Test
  void survivesSerialization() throws IOException, RecordException {
    MessageType schema = message("required int64 a;");
    ParquetRowConverter converter =
        SerializableUtils.clone(
            new ParquetRowConverter(
                ParquetTableSchemas.toTableSchema(schema, DEFAULTS), DEFAULTS, false));
    assertEquals("5", converter.toRow(written(schema, g -> g.add("a", 5L))).get("a"));
  }

  // A user's JSONPath schema instead of the file's.

  @Test
  void jsonPathStringsIntoOtherTypesFollowTheTextRules() throws IOException, RecordException {
    TableSchema table =
        jsonPath(
            "[{\"name\":\"n\",\"type\":\"INTEGER\"},{\"name\":\"t\",\"type\":\"TIMESTAMP\"},"
                + "{\"name\":\"g\",\"type\":\"GEOGRAPHY\"}]");
    MessageType schema =
        message(
            "required binary n (STRING); required binary t (STRING); required binary g (STRING);");
    ParquetRowConverter converter = new ParquetRowConverter(table, DEFAULTS, false);
    TableRow row =
        converter.toRow(
            written(
                schema,
                g ->
                    g.append("n", "+42")
                        .append("t", "2024-02-29 12:00:00+01:00")
                        .append("g", "POINT(1 2)")));
    assertEquals("42", row.get("n"));
    assertEquals("2024-02-29T11:00:00.000000Z", row.get("t"));
    assertEquals("POINT(1 2)", row.get("g"));
    RecordException e =
        convertFails(
            converter,
            written(schema, g -> g.append("n", "forty-two").append("t", "x").append("g", "y")));
    assertTrue(e.getMessage().startsWith("field 'n'"), e.getMessage());
    assertTrue(e.getMessage().contains("is not an INT64"), e.getMessage());
  }

  @Test
  void jsonPathOtherPairingsFailNamingColumnParquetTypeAndColumnType() throws IOException {
    TableSchema table = jsonPath("[{\"name\":\"n\",\"type\":\"STRING\"}]");
    RecordException e =
        convertFails(
            new ParquetRowConverter(table, DEFAULTS, false),
            written(message("required int64 n;"), g -> g.add("n", 1L)));
    assertEquals(
        "field 'n': Parquet column 'n' is INT64, which does not load into a STRING column",
        e.getMessage());
  }

  @Test
  void jsonPathDecimalsLoadIntoNumericBignumericOrString() throws IOException, RecordException {
    TableSchema table =
        jsonPath(
            "[{\"name\":\"a\",\"type\":\"BIGNUMERIC\"},{\"name\":\"b\",\"type\":\"STRING\"},"
                + "{\"name\":\"c\",\"type\":\"NUMERIC\",\"precision\":\"5\",\"scale\":\"2\"}]");
    MessageType schema =
        message(
            "required fixed_len_byte_array(16) a (DECIMAL(38,20)); required int64 b (DECIMAL(10,3));"
                + " required int32 c (DECIMAL(9,2));");
    ParquetRowConverter converter = new ParquetRowConverter(table, DEFAULTS, false);
    TableRow row =
        converter.toRow(
            written(
                schema,
                g ->
                    g.append("a", unscaled("123456789012345678.12345678901234567891", 16))
                        .append("b", 1500L)
                        .append("c", 99999)));
    assertEquals("123456789012345678.12345678901234567891", row.get("a"));
    assertEquals("1.500", row.get("b"));
    assertEquals("999.99", row.get("c"));
    RecordException e =
        convertFails(
            converter,
            written(
                schema, g -> g.append("a", unscaled("0", 16)).append("b", 0L).append("c", 100000)));
    assertTrue(e.getMessage().contains("out of NUMERIC(5, 2) range"), e.getMessage());
  }

  @Test
  void jsonPathWkbBytesLoadIntoGeography() throws IOException, RecordException {
    TableSchema table = jsonPath("[{\"name\":\"g\",\"type\":\"GEOGRAPHY\"}]");
    // WKB of POINT(1 2), little-endian.
    byte[] wkb = HexFormat.of().parseHex("0101000000000000000000f03f0000000000000040");
    TableRow row =
        new ParquetRowConverter(table, DEFAULTS, false)
            .toRow(
                written(
                    message("required binary g;"),
                    g -> g.add("g", Binary.fromConstantByteArray(wkb))));
    assertEquals("0101000000000000000000f03f0000000000000040", row.get("g"));
  }

  @Test
  void jsonPathRequiredNullOrMissingFails() throws IOException {
    TableSchema table =
        jsonPath(
            "[{\"name\":\"a\",\"type\":\"INTEGER\",\"mode\":\"REQUIRED\"},"
                + "{\"name\":\"b\",\"type\":\"STRING\",\"mode\":\"REQUIRED\"}]");
    ParquetRowConverter converter = new ParquetRowConverter(table, DEFAULTS, false);
    MessageType both = message("optional int64 a; optional binary b (STRING);");
    RecordException nullValue = convertFails(converter, written(both, g -> g.add("b", "x")));
    assertEquals("field 'a': is REQUIRED but null", nullValue.getMessage());
    RecordException missing =
        convertFails(converter, written(message("required int64 a;"), g -> g.add("a", 1L)));
    assertEquals(
        "field 'b' is REQUIRED but the Parquet file has no such column", missing.getMessage());
  }

  @Test
  void jsonPathUnknownColumnFailsUnlessIgnored() throws IOException, RecordException {
    TableSchema table = jsonPath("[{\"name\":\"a\",\"type\":\"INTEGER\"}]");
    MessageType schema = message("required int64 A; optional group extra { required int32 x; }");
    Group record = written(schema, g -> g.add("A", 1L));
    RecordException e = convertFails(new ParquetRowConverter(table, DEFAULTS, false), record);
    assertEquals(
        "Parquet column 'extra' is not in the BigQuery schema; add it to the schema or ignore"
            + " unknown values",
        e.getMessage());
    TableRow row = new ParquetRowConverter(table, DEFAULTS, true).toRow(record);
    assertEquals("1", row.get("a"), "names match case-insensitively, under the schema's name");
    assertEquals(1, row.size());
  }

  @Test
  void jsonPathRefusedTypeCanBeSkippedAsUnknown() throws IOException, RecordException {
    MessageType schema = message("required int64 a; required int64 t (TIMESTAMP(NANOS,true));");
    Group record = written(schema, g -> g.append("a", 1L).append("t", 5L));
    TableSchema withT =
        jsonPath("[{\"name\":\"a\",\"type\":\"INTEGER\"},{\"name\":\"t\",\"type\":\"TIMESTAMP\"}]");
    RecordException e = convertFails(new ParquetRowConverter(withT, DEFAULTS, false), record);
    assertTrue(e.getMessage().startsWith("Parquet column 't'"), e.getMessage());
    TableSchema withoutT = jsonPath("[{\"name\":\"a\",\"type\":\"INTEGER\"}]");
    assertEquals("1", new ParquetRowConverter(withoutT, DEFAULTS, true).toRow(record).get("a"));
  }

  @Test
  void jsonPathRepeatedColumnNeedsARepeatedOrInferredList() throws IOException, RecordException {
    TableSchema table = jsonPath("[{\"name\":\"tags\",\"type\":\"STRING\",\"mode\":\"REPEATED\"}]");
    Group record = listRecord("a");
    RecordException e = convertFails(new ParquetRowConverter(table, DEFAULTS, false), record);
    assertTrue(e.getMessage().contains("set enableListInference"), e.getMessage());
    ParquetOptions inference = new ParquetOptions(true, false, null);
    assertEquals(
        List.of("a"), new ParquetRowConverter(table, inference, false).toRow(record).get("tags"));
  }

  @Test
  void jsonPathStringLengthIsChecked() throws IOException {
    TableSchema table = jsonPath("[{\"name\":\"s\",\"type\":\"STRING\",\"maxLength\":\"3\"}]");
    RecordException e =
        convertFails(
            new ParquetRowConverter(table, DEFAULTS, false),
            written(message("required binary s (STRING);"), g -> g.add("s", "abcd")));
    assertTrue(e.getMessage().contains("longer than the column's maximum of 3"), e.getMessage());
  }

  @Test
  void decimalTargetTypesChooseTheColumnAndValuesAreExact() throws IOException, RecordException {
    MessageType schema =
        message(
            "required fixed_len_byte_array(16) wide (DECIMAL(38,20));"
                + " required int64 plain (DECIMAL(18,3));");
    ParquetOptions options =
        new ParquetOptions(
            false, false, DecimalTargetTypes.parse("STRING,BIGNUMERIC", "decimalTargetTypes"));
    TableSchema table = ParquetTableSchemas.toTableSchema(schema, options);
    assertEquals("BIGNUMERIC", table.getFields().get(0).getType());
    assertEquals("BIGNUMERIC", table.getFields().get(1).getType());
    TableRow row =
        new ParquetRowConverter(table, options, false)
            .toRow(
                written(
                    schema,
                    g ->
                        g.append("wide", unscaled("-999999999999999999.99999999999999999999", 16))
                            .append("plain", 100L)));
    assertEquals("-999999999999999999.99999999999999999999", row.get("wide"));
    assertEquals("0.1", row.get("plain"));
  }

  @Test
  void decimalBeyondTheWidestListedTypeFailsItsValueNamingTheOption() throws IOException {
    MessageType schema = message("required fixed_len_byte_array(16) d (DECIMAL(38,0));");
    TableSchema table = ParquetTableSchemas.toTableSchema(schema, DEFAULTS);
    assertEquals("NUMERIC", table.getFields().get(0).getType());
    ParquetRowConverter converter = new ParquetRowConverter(table, DEFAULTS, false);
    RecordException e =
        convertFails(
            converter, written(schema, g -> g.add("d", unscaled("1" + "0".repeat(30), 16))));
    assertTrue(e.getMessage().startsWith("field 'd'"), e.getMessage());
    assertTrue(e.getMessage().contains("out of NUMERIC range"), e.getMessage());
    assertTrue(
        e.getMessage().contains("add BIGNUMERIC or STRING to decimalTargetTypes"), e.getMessage());
  }
}
