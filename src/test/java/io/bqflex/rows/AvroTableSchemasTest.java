package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The table schema of an Avro writer schema, row by row of BigQuery's Avro conversion tables
 * (primitive, logical and complex types):
 * https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro#avro_conversions. The
 * values of each row are asserted in {@link AvroRowConverterTest}.
 */
class AvroTableSchemasTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Primitive types.
        "'\"boolean\"' | f BOOLEAN REQUIRED",
        "'\"int\"' | f INTEGER REQUIRED",
        "'\"long\"' | f INTEGER REQUIRED",
        "'\"float\"' | f FLOAT REQUIRED",
        "'\"double\"' | f FLOAT REQUIRED",
        "'\"bytes\"' | f BYTES REQUIRED",
        "'\"string\"' | f STRING REQUIRED",
        // Logical types, with useAvroLogicalTypes.
        "'{\"type\": \"int\", \"logicalType\": \"date\"}' | f DATE REQUIRED",
        "'{\"type\": \"int\", \"logicalType\": \"time-millis\"}' | f TIME REQUIRED",
        "'{\"type\": \"long\", \"logicalType\": \"time-micros\"}' | f TIME REQUIRED",
        "'{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}' | f TIMESTAMP REQUIRED",
        "'{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}' | f TIMESTAMP REQUIRED",
        "'{\"type\": \"long\", \"logicalType\": \"local-timestamp-millis\"}' | f DATETIME REQUIRED",
        "'{\"type\": \"long\", \"logicalType\": \"local-timestamp-micros\"}' | f DATETIME REQUIRED",
        "'{\"type\": \"fixed\", \"name\": \"D\", \"size\": 12, \"logicalType\": \"duration\"}'"
            + " | f BYTES REQUIRED",
        "'{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 10, \"scale\": 2}'"
            + " | f NUMERIC REQUIRED",
        "'{\"type\": \"fixed\", \"name\": \"Dec\", \"size\": 16, \"logicalType\": \"decimal\","
            + " \"precision\": 38, \"scale\": 9}' | f NUMERIC REQUIRED",
        "'{\"type\": \"string\", \"logicalType\": \"uuid\"}' | f STRING REQUIRED",
        // A logical type Avro finds invalid is dropped: the underlying type applies.
        "'{\"type\": \"long\", \"logicalType\": \"date\"}' | f INTEGER REQUIRED",
        "'{\"type\": \"bytes\", \"logicalType\": \"big-decimal\"}' | f BYTES REQUIRED",
        // Complex types.
        "'{\"type\": \"record\", \"name\": \"Address\", \"fields\": [{\"name\": \"zip\","
            + " \"type\": \"string\"}, {\"name\": \"since\", \"type\": [\"null\", \"int\"]}]}'"
            + " | f RECORD REQUIRED {zip STRING REQUIRED, since INTEGER NULLABLE}",
        "'{\"type\": \"enum\", \"name\": \"Color\", \"symbols\": [\"RED\", \"GREEN\"]}'"
            + " | f STRING REQUIRED",
        "'{\"type\": \"array\", \"items\": \"int\"}' | f INTEGER REPEATED",
        "'{\"type\": \"map\", \"values\": \"long\"}'"
            + " | f RECORD REPEATED {key STRING REQUIRED, value INTEGER REQUIRED}",
        "'[\"null\", \"string\"]' | f STRING NULLABLE",
        "'[\"null\", {\"type\": \"record\", \"name\": \"Point\", \"fields\": [{\"name\":"
            + " \"x\", \"type\": \"double\"}]}]' | f RECORD NULLABLE {x FLOAT REQUIRED}",
        // Two non-null types, so a RECORD; the array of nulls in it is ignored.
        "'[\"int\", {\"type\": \"array\", \"items\": \"null\"}]'"
            + " | f RECORD NULLABLE {int_value INTEGER NULLABLE}",
        "'[\"string\", \"null\"]' | f STRING NULLABLE",
        "'[\"double\"]' | f FLOAT NULLABLE",
        "'[\"null\", \"int\", \"string\"]'"
            + " | f RECORD NULLABLE {int_value INTEGER NULLABLE, string_value STRING NULLABLE}",
        "'[\"long\", {\"type\": \"record\", \"name\": \"Point\", \"namespace\": \"geo\","
            + " \"fields\": [{\"name\": \"x\", \"type\": \"double\"}]}]'"
            + " | f RECORD NULLABLE {long_value INTEGER NULLABLE,"
            + " geo_Point_value RECORD NULLABLE {x FLOAT REQUIRED}}",
        "'{\"type\": \"fixed\", \"name\": \"Hash\", \"size\": 16}' | f BYTES REQUIRED",
        // Nullable arrays and maps: null is an empty list.
        "'[\"null\", {\"type\": \"array\", \"items\": \"string\"}]' | f STRING REPEATED",
        "'[\"null\", {\"type\": \"map\", \"values\": [\"null\", \"string\"]}]'"
            + " | f RECORD REPEATED {key STRING REQUIRED, value STRING NULLABLE}",
        // Items that may be null: a REPEATED column; a null item fails its record.
        "'{\"type\": \"array\", \"items\": [\"null\", \"long\"]}' | f INTEGER REPEATED",
        "'{\"type\": \"array\", \"items\": [\"null\", \"long\", \"string\"]}'"
            + " | f RECORD REPEATED {long_value INTEGER NULLABLE, string_value STRING NULLABLE}",
        "'{\"type\": \"map\", \"values\": {\"type\": \"array\", \"items\": \"int\"}}'"
            + " | f RECORD REPEATED {key STRING REQUIRED, value INTEGER REPEATED}"
      })
  void mapsEachRowOfBigQuerysConversionTables(String avroType, String expected) {
    TableSchema schema =
        AvroTableSchemas.toTableSchema(recordOf(avroType), DecimalTargetTypes.defaults());

    assertEquals(List.of(expected), describe(schema.getFields()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"null\"'",
        "'[\"null\"]'",
        "'{\"type\": \"array\", \"items\": \"null\"}'",
        "'{\"type\": \"array\", \"items\": [\"null\"]}'"
      })
  void leavesOutFieldsThatHoldOnlyNullAsBigQueryIgnoresThem(String avroType) {
    Schema avro =
        new Schema.Parser()
            .parse(
                "{\"type\": \"record\", \"name\": \"Row\", \"fields\": [{\"name\": \"id\","
                    + " \"type\": \"long\"}, {\"name\": \"f\", \"type\": "
                    + avroType
                    + "}]}");

    TableSchema schema = AvroTableSchemas.toTableSchema(avro, DecimalTargetTypes.defaults());

    assertEquals(List.of("id INTEGER REQUIRED"), describe(schema.getFields()));
  }

  @ParameterizedTest(name = "decimal({0}, {1}) with [{2}] -> {3}")
  @CsvSource({
    "38, 9, '', NUMERIC",
    "40, 2, '', NUMERIC",
    "40, 2, 'NUMERIC,BIGNUMERIC', BIGNUMERIC",
    "38, 10, 'NUMERIC,BIGNUMERIC', BIGNUMERIC",
    "38, 10, 'NUMERIC,STRING', STRING",
    "10, 2, 'STRING,BIGNUMERIC', BIGNUMERIC",
    "77, 38, 'NUMERIC,BIGNUMERIC,STRING', STRING"
  })
  void decimalBecomesTheTypeDecimalTargetTypesPicks(
      int precision, int scale, String targets, String expected) {
    String bytesDecimal =
        "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": "
            + precision
            + ", \"scale\": "
            + scale
            + "}";
    // A fixed of 33 bytes holds 79 digits: every precision here.
    String fixedDecimal =
        "{\"type\": \"fixed\", \"name\": \"Dec\", \"size\": 33, \"logicalType\": \"decimal\","
            + " \"precision\": "
            + precision
            + ", \"scale\": "
            + scale
            + "}";
    DecimalTargetTypes decimals = DecimalTargetTypes.parse(targets, "decimalTargetTypes");

    for (String avroType : List.of(bytesDecimal, fixedDecimal)) {
      TableSchema schema = AvroTableSchemas.toTableSchema(recordOf(avroType), decimals);
      assertEquals(List.of("f " + expected + " REQUIRED"), describe(schema.getFields()));
    }
  }

  @Test
  void fieldDocBecomesTheColumnDescription() {
    Schema avro =
        new Schema.Parser()
            .parse(
                "{\"type\": \"record\", \"name\": \"Row\", \"fields\": [{\"name\": \"id\","
                    + " \"type\": \"long\", \"doc\": \"The order number\"}]}");

    TableSchema schema = AvroTableSchemas.toTableSchema(avro, DecimalTargetTypes.defaults());

    assertEquals("The order number", schema.getFields().get(0).getDescription());
  }

  @Test
  void producesASchemaTheSchemaReaderTakesBackUnchanged() {
    Schema avro =
        recordOf(
            "{\"type\": \"array\", \"items\": {\"type\": \"record\", \"name\": \"Item\","
                + " \"fields\": [{\"name\": \"sku\", \"type\": \"string\"}, {\"name\": \"attrs\","
                + " \"type\": {\"type\": \"map\", \"values\": [\"null\", \"int\", \"string\"]}}]}}");

    TableSchema schema = AvroTableSchemas.toTableSchema(avro, DecimalTargetTypes.defaults());
    TableSchema parsed = BigQuerySchemas.parse(BigQuerySchemas.toJson(schema), "derived");

    assertEquals(describe(schema.getFields()), describe(parsed.getFields()));
    assertEquals(
        List.of(
            "f RECORD REPEATED {sku STRING REQUIRED, attrs RECORD REPEATED {key STRING REQUIRED,"
                + " value RECORD NULLABLE {int_value INTEGER NULLABLE, string_value STRING"
                + " NULLABLE}}}"),
        describe(schema.getFields()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'{\"type\": \"array\", \"items\": {\"type\": \"array\", \"items\": \"int\"}}'"
            + " | Avro field 'f': array<array<int>> is an array of arrays",
        "'{\"type\": \"array\", \"items\": [\"null\", {\"type\": \"array\", \"items\": \"int\"}]}'"
            + " | Avro field 'f': array<union [null, array<int>]> is an array of arrays",
        "'{\"type\": \"array\", \"items\": {\"type\": \"map\", \"values\": \"int\"}}'"
            + " | Avro field 'f': array<map<int>> is an array of maps",
        "'{\"type\": \"record\", \"name\": \"Node\", \"fields\": [{\"name\": \"next\","
            + " \"type\": [\"null\", \"Node\"]}]}'"
            + " | Avro field 'f.next': the record Node contains itself",
        "'{\"type\": \"record\", \"name\": \"Empty\", \"fields\": [{\"name\": \"nothing\","
            + " \"type\": \"null\"}]}'"
            + " | Avro field 'f': the record Empty has no field BigQuery loads"
      })
  void refusesWhatBigQueryCannotLoadNamingTheFieldAndWhy(String avroType, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AvroTableSchemas.toTableSchema(recordOf(avroType), DecimalTargetTypes.defaults()));

    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void refusesARecursiveRecordAtTheTopLevelToo() {
    Schema avro =
        new Schema.Parser()
            .parse(
                "{\"type\": \"record\", \"name\": \"Row\", \"fields\": [{\"name\": \"id\","
                    + " \"type\": \"long\"}, {\"name\": \"parent\", \"type\": [\"null\","
                    + " \"Row\"]}]}");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AvroTableSchemas.toTableSchema(avro, DecimalTargetTypes.defaults()));

    assertTrue(e.getMessage().startsWith("Avro field 'parent': the record Row"), e.getMessage());
  }

  @Test
  void refusesRecordsNestedDeeperThanBigQuerysFifteenLevels() {
    assertEquals(
        15, depthOf(AvroTableSchemas.toTableSchema(nested(15), DecimalTargetTypes.defaults())));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AvroTableSchemas.toTableSchema(nested(16), DecimalTargetTypes.defaults()));

    assertTrue(e.getMessage().contains("a RECORD nested 16 levels deep"), e.getMessage());
  }

  @Test
  void refusesNamesBigQueryRefuses() {
    IllegalArgumentException reserved =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AvroTableSchemas.toTableSchema(
                    new Schema.Parser()
                        .parse(
                            "{\"type\": \"record\", \"name\": \"Row\", \"fields\": [{\"name\":"
                                + " \"_PARTITIONTIME\", \"type\": \"long\"}]}"),
                    DecimalTargetTypes.defaults()));
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AvroTableSchemas.toTableSchema(
                    new Schema.Parser()
                        .parse(
                            "{\"type\": \"record\", \"name\": \"Row\", \"fields\": [{\"name\":"
                                + " \"id\", \"type\": \"long\"}, {\"name\": \"ID\", \"type\":"
                                + " \"long\"}]}"),
                    DecimalTargetTypes.defaults()));

    assertTrue(
        reserved.getMessage().startsWith("Avro field '_PARTITIONTIME': the name starts with"),
        reserved.getMessage());
    assertTrue(twice.getMessage().startsWith("Avro field 'ID': another field"), twice.getMessage());
  }

  @Test
  void refusesASchemaThatIsNotARecord() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AvroTableSchemas.toTableSchema(
                    Schema.create(Schema.Type.STRING), DecimalTargetTypes.defaults()));

    assertTrue(e.getMessage().contains("is string, not a record"), e.getMessage());
  }

  /** A record {@code Row} with one field {@code f} of {@code avroType} (Avro schema JSON). */
  static Schema recordOf(String avroType) {
    return new Schema.Parser()
        .parse(
            "{\"type\": \"record\", \"name\": \"Row\", \"fields\": [{\"name\": \"f\", \"type\": "
                + avroType
                + "}]}");
  }

  /** {@code levels} records, each the only field of the one above, the last holding a long. */
  private static Schema nested(int levels) {
    String type = "\"long\"";
    for (int level = levels; level >= 1; level--) {
      type =
          "{\"type\": \"record\", \"name\": \"R"
              + level
              + "\", \"fields\": [{\"name\": \"f\", \"type\": "
              + type
              + "}]}";
    }
    return new Schema.Parser()
        .parse(
            "{\"type\": \"record\", \"name\": \"Row\", \"fields\": [{\"name\": \"f\", \"type\": "
                + type
                + "}]}");
  }

  private static int depthOf(TableSchema schema) {
    int depth = 0;
    List<TableFieldSchema> fields = schema.getFields();
    while (fields.get(0).getFields() != null) {
      depth++;
      fields = fields.get(0).getFields();
    }
    return depth;
  }

  /** Each column as {@code name TYPE MODE}, a RECORD's fields in braces. */
  static List<String> describe(List<TableFieldSchema> fields) {
    List<String> out = new ArrayList<>();
    for (TableFieldSchema field : fields) {
      String column = field.getName() + " " + field.getType() + " " + field.getMode();
      if (field.getFields() != null) {
        column += " {" + String.join(", ", describe(field.getFields())) + "}";
      }
      out.add(column);
    }
    return out;
  }
}
