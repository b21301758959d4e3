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
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Avro records to rows, by BigQuery's Avro conversion tables:
 * https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro#avro_conversions. Every
 * record is written by Avro's DataFileWriter to a file and read back with DataFileStream before it
 * is converted, so the values are what Avro's generic reader hands over (Utf8, ByteBuffer, ...).
 */
class AvroRowConverterTest {
  private static final String PAGE =
      "https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro";

  @TempDir Path dir;

  /** One row of the page's tables: the Avro type, a value as Avro's generic API holds it. */
  static Stream<Arguments> conversionTableRows() {
    return Stream.of(
        // Primitive types.
        row("\"boolean\"", s -> true, "f BOOLEAN REQUIRED", true),
        row("\"int\"", s -> -42, "f INTEGER REQUIRED", "-42"),
        row("\"long\"", s -> Long.MIN_VALUE, "f INTEGER REQUIRED", "-9223372036854775808"),
        // A float widens exactly to the double BigQuery stores.
        row("\"float\"", s -> 0.1f, "f FLOAT REQUIRED", 0.10000000149011612),
        row("\"double\"", s -> Double.NaN, "f FLOAT REQUIRED", Double.NaN),
        row("\"bytes\"", s -> bytes(0, 1, 2, 255), "f BYTES REQUIRED", "AAEC/w=="),
        row("\"string\"", s -> "Zoë 東京 🎉", "f STRING REQUIRED", "Zoë 東京 🎉"),
        // Logical types.
        row(
            "{\"type\": \"int\", \"logicalType\": \"date\"}",
            s -> 19_723,
            "f DATE REQUIRED",
            "2024-01-01"),
        row(
            "{\"type\": \"int\", \"logicalType\": \"date\"}",
            s -> -719_162,
            "f DATE REQUIRED",
            "0001-01-01"),
        row(
            "{\"type\": \"int\", \"logicalType\": \"time-millis\"}",
            s -> 45_296_789,
            "f TIME REQUIRED",
            "12:34:56.789000"),
        row(
            "{\"type\": \"long\", \"logicalType\": \"time-micros\"}",
            s -> 86_399_999_999L,
            "f TIME REQUIRED",
            "23:59:59.999999"),
        row(
            "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}",
            s -> 1_700_000_000_123L,
            "f TIMESTAMP REQUIRED",
            "2023-11-14T22:13:20.123000Z"),
        row(
            "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}",
            s -> -1L,
            "f TIMESTAMP REQUIRED",
            "1969-12-31T23:59:59.999999Z"),
        row(
            "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}",
            s -> 253_402_300_799_999_999L,
            "f TIMESTAMP REQUIRED",
            "9999-12-31T23:59:59.999999Z"),
        row(
            "{\"type\": \"long\", \"logicalType\": \"local-timestamp-millis\"}",
            s -> 1_700_000_000_123L,
            "f DATETIME REQUIRED",
            "2023-11-14T22:13:20.123000"),
        row(
            "{\"type\": \"long\", \"logicalType\": \"local-timestamp-micros\"}",
            s -> 1_700_000_000_123_456L,
            "f DATETIME REQUIRED",
            "2023-11-14T22:13:20.123456"),
        row(
            "{\"type\": \"fixed\", \"name\": \"D\", \"size\": 12, \"logicalType\": \"duration\"}",
            s -> new GenericData.Fixed(s, new byte[] {1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0}),
            "f BYTES REQUIRED",
            "AQAAAAIAAAADAAAA"),
        row(
            "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 10, \"scale\": 2}",
            s -> unscaled("-12345"),
            "f NUMERIC REQUIRED",
            "-123.45"),
        row(
            "{\"type\": \"fixed\", \"name\": \"Dec\", \"size\": 16, \"logicalType\": \"decimal\","
                + " \"precision\": 38, \"scale\": 9}",
            s -> fixedDecimal(s, "99999999999999999999999999999999999999"),
            "f NUMERIC REQUIRED",
            "99999999999999999999999999999.999999999"),
        row(
            "{\"type\": \"string\", \"logicalType\": \"uuid\"}",
            s -> "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
            "f STRING REQUIRED",
            "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"),
        // Complex types.
        row(
            "{\"type\": \"record\", \"name\": \"Address\", \"fields\": [{\"name\": \"zip\","
                + " \"type\": \"string\"}, {\"name\": \"since\", \"type\": [\"null\", \"int\"]}]}",
            s -> record(s, "zip", "75001", "since", null),
            "f RECORD REQUIRED {zip STRING REQUIRED, since INTEGER NULLABLE}",
            Map.of("zip", "75001")),
        row(
            "{\"type\": \"enum\", \"name\": \"Color\", \"symbols\": [\"RED\", \"GREEN\"]}",
            s -> new GenericData.EnumSymbol(s, "GREEN"),
            "f STRING REQUIRED",
            "GREEN"),
        row(
            "{\"type\": \"array\", \"items\": \"int\"}",
            s -> List.of(1, 2, 3),
            "f INTEGER REPEATED",
            List.of("1", "2", "3")),
        row(
            "{\"type\": \"array\", \"items\": \"int\"}",
            s -> List.of(),
            "f INTEGER REPEATED",
            List.of()),
        row(
            "{\"type\": \"map\", \"values\": \"long\"}",
            s -> new LinkedHashMap<>(Map.of("a", 1L)),
            "f RECORD REPEATED {key STRING REQUIRED, value INTEGER REQUIRED}",
            List.of(Map.of("key", "a", "value", "1"))),
        row("[\"null\", \"string\"]", s -> "x", "f STRING NULLABLE", "x"),
        row(
            "[\"null\", {\"type\": \"record\", \"name\": \"Point\", \"fields\": [{\"name\":"
                + " \"x\", \"type\": \"double\"}]}]",
            s -> record(s.getTypes().get(1), "x", 1.5),
            "f RECORD NULLABLE {x FLOAT REQUIRED}",
            Map.of("x", 1.5)),
        row(
            "[\"int\", {\"type\": \"array\", \"items\": \"null\"}]",
            s -> 5,
            "f RECORD NULLABLE {int_value INTEGER NULLABLE}",
            Map.of("int_value", "5")),
        row(
            "{\"type\": \"array\", \"items\": [\"null\", \"long\", \"string\"]}",
            s -> List.of(5L, "x"),
            "f RECORD REPEATED {long_value INTEGER NULLABLE, string_value STRING NULLABLE}",
            List.of(Map.of("long_value", "5"), Map.of("string_value", "x"))),
        row("[\"null\", \"string\"]", s -> null, "f STRING NULLABLE", null),
        row(
            "[\"null\", \"int\", \"string\"]",
            s -> "x",
            "f RECORD NULLABLE {int_value INTEGER NULLABLE, string_value STRING NULLABLE}",
            Map.of("string_value", "x")),
        row(
            "[\"null\", \"int\", \"string\"]",
            s -> 5,
            "f RECORD NULLABLE {int_value INTEGER NULLABLE, string_value STRING NULLABLE}",
            Map.of("int_value", "5")),
        row(
            "{\"type\": \"fixed\", \"name\": \"Hash\", \"size\": 4}",
            s -> new GenericData.Fixed(s, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, 0}),
            "f BYTES REQUIRED",
            "3q2+AA=="),
        row(
            "{\"type\": \"array\", \"items\": {\"type\": \"record\", \"name\": \"Item\", \"fields\":"
                + " [{\"name\": \"sku\", \"type\": \"string\"}]}}",
            s ->
                List.of(
                    record(s.getElementType(), "sku", "A"), record(s.getElementType(), "sku", "B")),
            "f RECORD REPEATED {sku STRING REQUIRED}",
            List.of(Map.of("sku", "A"), Map.of("sku", "B"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conversionTableRows")
  void convertsEachRowOfBigQuerysConversionTables(
      String avroType, Function<Schema, Object> value, String column, Object expected)
      throws Exception {
    Schema schema = AvroTableSchemasTest.recordOf(avroType);
    GenericRecord written = new GenericData.Record(schema);
    written.put("f", value.apply(schema.getField("f").schema()));
    GenericRecord read = writeAndRead(schema, List.of(written)).get(0);

    TableSchema table =
        AvroTableSchemas.toTableSchema(read.getSchema(), DecimalTargetTypes.defaults());
    TableRow row = new AvroRowConverter(table, DecimalTargetTypes.defaults(), false).toRow(read);

    assertEquals(List.of(column), AvroTableSchemasTest.describe(table.getFields()), PAGE);
    // A column named f, like TableRow's own cell list: the value is in the row's unknown keys.
    assertEquals(expected, plain(row.getUnknownKeys().get("f")), PAGE);
    assertEquals(expected == null ? 0 : 1, row.getUnknownKeys().size());
  }

  @Test
  void canonicalTimesAreWhatTheTextConvertersMakeOfTheSameInstant() {
    // Seeded: the same values every run; the seed is in the message of a failure.
    java.util.Random random = new java.util.Random(20261202L);
    for (int i = 0; i < 2_000; i++) {
      long micros = random.nextLong() % 253_402_300_799_999_999L;
      String timestamp = EpochTimes.timestampOfMicros(micros);
      if (timestamp == null) {
        continue; // before year 1
      }
      String text = timestamp.replace("T", " ").replace("Z", " UTC");
      assertEquals(BigQueryTimes.timestamp(text), timestamp, "seed 20261202, micros " + micros);
      String date = EpochTimes.date(Math.floorDiv(micros, EpochTimes.MICROS_PER_DAY));
      assertEquals(BigQueryTimes.date(date), date, "micros " + micros);
      assertEquals(
          java.time.LocalDate.ofEpochDay(Math.floorDiv(micros, EpochTimes.MICROS_PER_DAY))
              .toString(),
          date);
    }
  }

  @Test
  void decimalsAtTheEdgesOfNumericAndBignumericKeepEveryDigit() throws Exception {
    DecimalTargetTypes bignumeric = DecimalTargetTypes.parse("NUMERIC,BIGNUMERIC", "d");
    String max = "578960446186580977117854925043439539266.34992332820282019728792003956564819967";
    String min = "-578960446186580977117854925043439539266.34992332820282019728792003956564819968";

    assertEquals(
        "-99999999999999999999999999999.999999999",
        decimal(38, 9, "-99999999999999999999999999999999999999", DecimalTargetTypes.defaults()));
    assertEquals("0.000000001", decimal(38, 9, "1", DecimalTargetTypes.defaults()));
    assertEquals(max, decimal(77, 38, max.replace(".", ""), bignumeric));
    assertEquals(min, decimal(77, 38, min.replace(".", ""), bignumeric));
    // BIGNUMERIC holds 38 digits after the point: the smallest step stays.
    assertEquals("0.00000000000000000000000000000000000001", decimal(76, 38, "1", bignumeric));
  }

  @Test
  void decimalPastItsColumnsRangeFailsNamingTheFieldAndTheOption() throws Exception {
    // decimal(39, 9) fits no listed type (NUMERIC alone): NUMERIC, the widest listed, is picked,
    // and a value past NUMERIC's range fails (REST reference, decimalTargetTypes).
    RecordException numeric =
        assertThrows(
            RecordException.class,
            () ->
                decimal(
                    39,
                    9,
                    "100000000000000000000000000000000000000",
                    DecimalTargetTypes.defaults()));
    String beyond =
        "578960446186580977117854925043439539266.34992332820282019728792003956564819968";
    RecordException bignumeric =
        assertThrows(
            RecordException.class,
            () ->
                decimal(
                    77,
                    38,
                    beyond.replace(".", ""),
                    DecimalTargetTypes.parse("BIGNUMERIC", "decimalTargetTypes")));

    assertEquals(Stage.CONVERT, numeric.stage());
    assertEquals(
        "field 'f': '100000000000000000000000000000.000000000' is out of NUMERIC range; the Avro or Parquet"
            + " decimal(39, 9) does not fit NUMERIC: add BIGNUMERIC or STRING to"
            + " decimalTargetTypes (or, with a JSONPath schema, give the column that type)",
        numeric.getMessage());
    assertTrue(
        bignumeric
            .getMessage()
            .contains(
                "is out of BIGNUMERIC range; the Avro or Parquet decimal(77,"
                    + " 38) does not fit BIGNUMERIC: add STRING"),
        bignumeric.getMessage());
  }

  @Test
  void decimalDigitsPastTheColumnsScaleAreRoundedHalfAwayFromZeroAsBigQueryStoresThem()
      throws Exception {
    assertEquals("1.000000001", decimal(38, 10, "10000000005", DecimalTargetTypes.defaults()));
    assertEquals("-1.000000001", decimal(38, 10, "-10000000005", DecimalTargetTypes.defaults()));
  }

  @Test
  void decimalBecomesItsDigitsAsWrittenInAStringColumn() throws Exception {
    assertEquals("1.50", decimal(80, 2, "150", DecimalTargetTypes.parse("NUMERIC,STRING", "d")));
  }

  @Test
  void valuesPastBigQuerysLimitsFailTheirRecordNamingTheField() throws Exception {
    assertEquals(
        "field 'f': day 2932897 since 1970-01-01 is outside DATE's range 0001-01-01 to 9999-12-31",
        derivedError("{\"type\": \"int\", \"logicalType\": \"date\"}", 2_932_897));
    assertEquals(
        "field 'f': 253402300800000000 microseconds since 1970-01-01 is outside TIMESTAMP's range"
            + " 0001-01-01 to 9999-12-31",
        derivedError(
            "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}",
            253_402_300_800_000_000L));
    assertEquals(
        "field 'f': -62135596800001 milliseconds since 1970-01-01 is outside DATETIME's range"
            + " 0001-01-01 to 9999-12-31",
        derivedError(
            "{\"type\": \"long\", \"logicalType\": \"local-timestamp-millis\"}",
            -62_135_596_800_001L));
    assertEquals(
        "field 'f': 86400000000 microseconds is not a time of day (TIME holds 00:00:00 to"
            + " 23:59:59.999999)",
        derivedError("{\"type\": \"int\", \"logicalType\": \"time-millis\"}", 86_400_000));
    // C3 28: a two-byte sequence cut short. Java would decode it to U+FFFD without a word.
    assertEquals(
        "field 'f': the Avro string is not valid UTF-8 (byte 0xc3 at byte 0); BigQuery loads"
            + " Avro strings as UTF-8 only",
        derivedError("\"string\"", new Utf8(new byte[] {(byte) 0xC3, '(', 'x'})));
    // ED A0 80: a UTF-16 surrogate written as UTF-8, which UTF-8 does not allow.
    assertTrue(
        derivedError(
                "\"string\"", new Utf8(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}))
            .contains("byte 0xed at byte 1"));
  }

  @Test
  void nullItemOfAnArrayFailsItsRecordAsBigQuerysArraysHoldNoNull() throws Exception {
    List<Long> items = Arrays.asList(1L, null);

    assertEquals(
        "field 'f[1]': null is not allowed in a REPEATED field",
        derivedError("{\"type\": \"array\", \"items\": [\"null\", \"long\"]}", items));
  }

  @Test
  void mapValuesConvertAsTheirTypeAndNullValuesAreLeftOut() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", "2024-01-02");
    map.put("b", null);

    // Avro reads a map into a HashMap: its entries come in no particular order.
    assertEquals(
        Set.of(Map.of("key", "a", "value", "2024-01-02"), Map.of("key", "b")),
        Set.copyOf(
            (List<?>)
                derivedValue("{\"type\": \"map\", \"values\": [\"null\", \"string\"]}", map)));
  }

  // JSONPath: a user's schema that each record is checked against.

  private static final String AVRO_ORDER =
      "{\"type\": \"record\", \"name\": \"Order\", \"fields\": ["
          + "{\"name\": \"id\", \"type\": \"long\"},"
          + "{\"name\": \"quantity\", \"type\": \"int\"},"
          + "{\"name\": \"placed\", \"type\": \"string\"},"
          + "{\"name\": \"total\", \"type\": \"string\"},"
          + "{\"name\": \"attributes\", \"type\": \"string\"},"
          + "{\"name\": \"price\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\","
          + " \"precision\": 10, \"scale\": 2}},"
          + "{\"name\": \"note\", \"type\": [\"null\", \"string\"]}]}";

  @Test
  void jsonPathSchemaTakesCompatibleTypesAndParsesStringsByTheTextRules() throws Exception {
    TableSchema user =
        schema(
            "[{\"name\": \"ID\", \"type\": \"FLOAT64\", \"mode\": \"REQUIRED\"},"
                + " {\"name\": \"quantity\", \"type\": \"NUMERIC\"},"
                + " {\"name\": \"placed\", \"type\": \"DATE\"},"
                + " {\"name\": \"total\", \"type\": \"INT64\"},"
                + " {\"name\": \"attributes\", \"type\": \"JSON\"},"
                + " {\"name\": \"price\", \"type\": \"BIGNUMERIC\"},"
                + " {\"name\": \"note\", \"type\": \"STRING\"}]");
    GenericRecord order = order("2024-1-2", "+12", "{\"gift\": true}", null);

    TableRow row = new AvroRowConverter(user, DecimalTargetTypes.defaults(), false).toRow(order);

    assertEquals(7.0, row.get("ID"));
    assertEquals("3", row.get("quantity"));
    assertEquals("2024-01-02", row.get("placed"));
    assertEquals("12", row.get("total"));
    assertEquals(new ObjectMapper().readTree("{\"gift\": true}"), row.get("attributes"));
    assertEquals("19.99", row.get("price"));
    assertFalse(row.containsKey("note"));
  }

  @Test
  void jsonPathSchemaRefusesAStringTheColumnsTypeDoesNotRead() throws Exception {
    RecordException e =
        assertThrows(
            RecordException.class,
            () ->
                new AvroRowConverter(orderColumns(), DecimalTargetTypes.defaults(), false)
                    .toRow(order("banana", "12", "{}", null)));

    assertEquals(Stage.CONVERT, e.stage());
    assertEquals("field 'placed': 'banana' is not a DATE (expected YYYY-MM-DD)", e.getMessage());
  }

  @Test
  void jsonPathSchemaRefusesOtherCombinationsNamingColumnAvroTypeAndColumnType() throws Exception {
    TableSchema user =
        schema(
            "[{\"name\": \"id\", \"type\": \"DATE\"}, {\"name\": \"quantity\", \"type\": \"INT64\"},"
                + " {\"name\": \"placed\", \"type\": \"STRING\"}, {\"name\": \"total\","
                + " \"type\": \"STRING\"}, {\"name\": \"attributes\", \"type\": \"STRING\"},"
                + " {\"name\": \"price\", \"type\": \"STRING\"}, {\"name\": \"note\", \"type\":"
                + " \"STRING\", \"mode\": \"REPEATED\"}]");
    AvroRowConverter converter = new AvroRowConverter(user, DecimalTargetTypes.defaults(), false);

    RecordException e =
        assertThrows(
            RecordException.class, () -> converter.toRow(order("2024-01-02", "1", "{}", null)));

    assertEquals(Stage.CONVERT, e.stage());
    assertEquals("field 'id': the Avro type long cannot load into a DATE column", e.getMessage());
    assertEquals(
        "field 'price': the Avro type bytes (decimal(10, 2)) cannot load into a STRING column"
            + " (with decimalTargetTypes NUMERIC it loads as NUMERIC; list STRING there if the"
            + " column is right)",
        convertError(converterSkipping(user, "id"), order("2024-01-02", "1", "{}", null)));
    assertEquals(
        "field 'note': the column is REPEATED, so it needs an Avro array (or map), not string",
        convertError(converterSkipping(user, "id", "price"), order("2024-01-02", "1", "{}", "hi")));
  }

  @Test
  void jsonPathSchemaRefusesAMissingOrNullRequiredColumnNamingIt() throws Exception {
    TableSchema withSku =
        schema(
            "[{\"name\": \"id\", \"type\": \"INT64\"}, {\"name\": \"sku\", \"type\": \"STRING\","
                + " \"mode\": \"REQUIRED\"}]");
    TableSchema requiredNote =
        schema(
            "[{\"name\": \"id\", \"type\": \"INT64\"}, {\"name\": \"note\", \"type\": \"STRING\","
                + " \"mode\": \"REQUIRED\"}]");

    assertEquals(
        "field 'sku': is REQUIRED but missing (the Avro record has no such field)",
        convertError(
            new AvroRowConverter(withSku, DecimalTargetTypes.defaults(), true),
            order("2024-01-02", "1", "{}", null)));
    assertEquals(
        "field 'note': is REQUIRED but null",
        convertError(
            new AvroRowConverter(requiredNote, DecimalTargetTypes.defaults(), true),
            order("2024-01-02", "1", "{}", null)));
  }

  @Test
  void unknownAvroFieldFailsUnlessUnknownValuesAreIgnored() throws Exception {
    TableSchema idOnly = schema("[{\"name\": \"id\", \"type\": \"INT64\"}]");
    GenericRecord order = order("2024-01-02", "1", "{}", null);

    assertEquals(
        "field 'quantity' is not in the BigQuery schema; add it to the schema or ignore unknown"
            + " values",
        convertError(new AvroRowConverter(idOnly, DecimalTargetTypes.defaults(), false), order));
    assertEquals(
        Map.of("id", "7"),
        new AvroRowConverter(idOnly, DecimalTargetTypes.defaults(), true).toRow(order));
  }

  @Test
  void unknownFieldInAnElementOfARepeatedRecordIsNamedWithItsElement() throws Exception {
    Schema avro =
        AvroTableSchemasTest.recordOf(
            "{\"type\": \"array\", \"items\": {\"type\": \"record\", \"name\": \"Item\","
                + " \"fields\": [{\"name\": \"sku\", \"type\": \"string\"}, {\"name\": \"extra\","
                + " \"type\": \"int\"}]}}");
    GenericRecord written = new GenericData.Record(avro);
    Schema item = avro.getField("f").schema().getElementType();
    written.put("f", List.of(record(item, "sku", "A", "extra", 1)));
    GenericRecord read = writeAndRead(avro, List.of(written)).get(0);
    TableSchema user =
        schema(
            "[{\"name\": \"f\", \"type\": \"RECORD\", \"mode\": \"REPEATED\", \"fields\":"
                + " [{\"name\": \"sku\", \"type\": \"STRING\"}]}]");

    assertEquals(
        "field 'f[0].extra' is not in the BigQuery schema; add it to the schema or ignore"
            + " unknown values",
        convertError(new AvroRowConverter(user, DecimalTargetTypes.defaults(), false), read));
    assertEquals(
        Map.of("f", List.of(Map.of("sku", "A"))),
        plain(new AvroRowConverter(user, DecimalTargetTypes.defaults(), true).toRow(read)));
  }

  @Test
  void recordsOfDifferentSchemasConvertEachByItsOwnAfterSerialization() throws Exception {
    TableSchema user =
        schema(
            "[{\"name\": \"id\", \"type\": \"INT64\"}, {\"name\": \"f\", \"type\": \"STRING\"}]");
    AvroRowConverter converter =
        SerializableUtils.clone(new AvroRowConverter(user, DecimalTargetTypes.defaults(), true));
    Schema asString = AvroTableSchemasTest.recordOf("\"string\"");
    Schema asEnum =
        AvroTableSchemasTest.recordOf(
            "{\"type\": \"enum\", \"name\": \"E\", \"symbols\": [\"ONE\"]}");
    GenericRecord first = new GenericData.Record(asString);
    first.put("f", "text");
    GenericRecord second = new GenericData.Record(asEnum);
    second.put("f", new GenericData.EnumSymbol(asEnum.getField("f").schema(), "ONE"));

    assertEquals(
        Map.of("f", "text"),
        converter.toRow(writeAndRead(asString, List.of(first)).get(0)).getUnknownKeys());
    assertEquals(
        Map.of("f", "ONE"),
        converter.toRow(writeAndRead(asEnum, List.of(second)).get(0)).getUnknownKeys());
    assertEquals(
        Map.of("f", "text"),
        converter.toRow(writeAndRead(asString, List.of(first)).get(0)).getUnknownKeys());
  }

  // Helpers.

  private static Arguments row(
      String avroType, Function<Schema, Object> value, String column, Object expected) {
    return Arguments.of(avroType, value, column, expected);
  }

  private static ByteBuffer bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return ByteBuffer.wrap(bytes);
  }

  private static ByteBuffer unscaled(String digits) {
    return ByteBuffer.wrap(new BigInteger(digits).toByteArray());
  }

  /** The two's-complement bytes of {@code digits}, sign-extended to the fixed's size. */
  private static GenericData.Fixed fixedDecimal(Schema fixed, String digits) {
    byte[] value = new BigInteger(digits).toByteArray();
    byte[] bytes = new byte[fixed.getFixedSize()];
    Arrays.fill(bytes, value[0] < 0 ? (byte) 0xFF : 0);
    System.arraycopy(value, 0, bytes, bytes.length - value.length, value.length);
    return new GenericData.Fixed(fixed, bytes);
  }

  private static GenericRecord record(Schema schema, Object... namesAndValues) {
    GenericRecord record = new GenericData.Record(schema);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      record.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return record;
  }

  private GenericRecord order(String placed, String total, String attributes, String note)
      throws IOException {
    Schema schema = new Schema.Parser().parse(AVRO_ORDER);
    GenericRecord order =
        record(
            schema,
            "id",
            7L,
            "quantity",
            3,
            "placed",
            placed,
            "total",
            total,
            "attributes",
            attributes,
            "price",
            unscaled("1999"),
            "note",
            note);
    return writeAndRead(schema, List.of(order)).get(0);
  }

  private static TableSchema orderColumns() {
    return schema(
        "[{\"name\": \"id\", \"type\": \"INT64\"}, {\"name\": \"quantity\", \"type\": \"INT64\"},"
            + " {\"name\": \"placed\", \"type\": \"DATE\"}, {\"name\": \"total\", \"type\":"
            + " \"NUMERIC\"}, {\"name\": \"attributes\", \"type\": \"JSON\"}, {\"name\": \"price\","
            + " \"type\": \"NUMERIC\"}, {\"name\": \"note\", \"type\": \"STRING\"}]");
  }

  /** A converter for {@code user} without its columns {@code names}, unknown values ignored. */
  private static AvroRowConverter converterSkipping(TableSchema user, String... names) {
    TableSchema rest = user.clone();
    rest.setFields(new ArrayList<>(user.getFields()));
    rest.getFields().removeIf(field -> Arrays.asList(names).contains(field.getName()));
    return new AvroRowConverter(rest, DecimalTargetTypes.defaults(), true);
  }

  private static TableSchema schema(String json) {
    return BigQuerySchemas.parse(json, "schema.json");
  }

  private static String convertError(AvroRowConverter converter, GenericRecord record) {
    RecordException e = assertThrows(RecordException.class, () -> converter.toRow(record));
    assertEquals(Stage.CONVERT, e.stage());
    return e.getMessage();
  }

  /** The NUMERIC, BIGNUMERIC or STRING value of a decimal(precision, scale) of these digits. */
  private Object decimal(int precision, int scale, String unscaledDigits, DecimalTargetTypes types)
      throws Exception {
    String type =
        "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": "
            + precision
            + ", \"scale\": "
            + scale
            + "}";
    Schema schema = AvroTableSchemasTest.recordOf(type);
    GenericRecord written = new GenericData.Record(schema);
    written.put("f", unscaled(unscaledDigits));
    GenericRecord read = writeAndRead(schema, List.of(written)).get(0);
    TableSchema table = AvroTableSchemas.toTableSchema(read.getSchema(), types);
    return new AvroRowConverter(table, types, false).toRow(read).getUnknownKeys().get("f");
  }

  /** The value of field {@code f} of {@code avroType} after writing, reading and converting. */
  private Object derivedValue(String avroType, Object value) throws Exception {
    Schema schema = AvroTableSchemasTest.recordOf(avroType);
    GenericRecord written = new GenericData.Record(schema);
    written.put("f", value);
    GenericRecord read = writeAndRead(schema, List.of(written)).get(0);
    TableSchema table =
        AvroTableSchemas.toTableSchema(read.getSchema(), DecimalTargetTypes.defaults());
    return plain(
        new AvroRowConverter(table, DecimalTargetTypes.defaults(), false)
            .toRow(read)
            .getUnknownKeys()
            .get("f"));
  }

  private String derivedError(String avroType, Object value) throws Exception {
    RecordException e = assertThrows(RecordException.class, () -> derivedValue(avroType, value));
    assertEquals(Stage.CONVERT, e.stage());
    return e.getMessage();
  }

  /** Writes the records to an Avro file with DataFileWriter and reads them back. */
  private List<GenericRecord> writeAndRead(Schema schema, List<GenericRecord> records)
      throws IOException {
    Path file = Files.createTempFile(dir, "records", ".avro");
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      writer.create(schema, file.toFile());
      for (GenericRecord record : records) {
        writer.append(record);
      }
    }
    List<GenericRecord> read = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        DataFileStream<GenericRecord> stream =
            new DataFileStream<>(in, new GenericDatumReader<>())) {
      stream.forEach(read::add);
    }
    return read;
  }

  /** Nested TableRows and lists as plain maps and lists, so they compare with Map.of. */
  private static Object plain(Object value) {
    if (value instanceof TableRow row) {
      Map<String, Object> map = new LinkedHashMap<>();
      row.forEach((key, nested) -> map.put(key, plain(nested)));
      return map;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(item -> out.add(plain(item)));
      return out;
    }
    return value;
  }
}
