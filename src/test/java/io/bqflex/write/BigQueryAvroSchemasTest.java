package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.cloud.bigquery.storage.v1.TableFieldSchema.Mode;
import com.google.cloud.bigquery.storage.v1.TableFieldSchema.Type;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.gcp.bigquery.AvroGenericRecordToStorageApiProto;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowToStorageApiProto;
import org.junit.jupiter.api.Test;

/**
 * The Avro schemas of a table. Load files follow BigQuery's Avro loading page, with logical types
 * on as BigQueryIO sets them:
 * https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro#avro_conversions (logical
 * types) and, for names, the same page's limitations ("[A-Za-z_][A-Za-z0-9_]*"). The Storage Write
 * schema is checked against what Beam 2.73 itself derives from it.
 */
class BigQueryAvroSchemasTest {
  private static final String[] EVERY_TYPE = {
    "STRING",
    "BYTES",
    "INTEGER",
    "INT64",
    "FLOAT",
    "FLOAT64",
    "NUMERIC",
    "BIGNUMERIC",
    "BOOLEAN",
    "BOOL",
    "TIMESTAMP",
    "DATE",
    "TIME",
    "DATETIME",
    "GEOGRAPHY",
    "JSON"
  };

  // https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro#avro_conversions
  @Test
  void loadFileSchemaGivesEachTypeTheAvroTypeOfBigQuerysLoadingPage() {
    Schema avro = BigQueryAvroSchemas.forLoadFiles(table(nullableColumnOfEveryType()));
    assertScalar(avro, "c_string", Schema.Type.STRING, null);
    assertScalar(avro, "c_bytes", Schema.Type.BYTES, null);
    assertScalar(avro, "c_integer", Schema.Type.LONG, null);
    assertScalar(avro, "c_int64", Schema.Type.LONG, null);
    assertScalar(avro, "c_float", Schema.Type.DOUBLE, null);
    assertScalar(avro, "c_float64", Schema.Type.DOUBLE, null);
    assertScalar(avro, "c_numeric", Schema.Type.BYTES, LogicalTypes.decimal(38, 9));
    assertScalar(avro, "c_bignumeric", Schema.Type.BYTES, LogicalTypes.decimal(77, 38));
    assertScalar(avro, "c_boolean", Schema.Type.BOOLEAN, null);
    assertScalar(avro, "c_bool", Schema.Type.BOOLEAN, null);
    assertScalar(avro, "c_timestamp", Schema.Type.LONG, LogicalTypes.timestampMicros());
    assertScalar(avro, "c_date", Schema.Type.INT, LogicalTypes.date());
    assertScalar(avro, "c_time", Schema.Type.LONG, LogicalTypes.timeMicros());
    // Not Beam's default string "datetime": a load job refuses it as "incompatible types".
    assertScalar(avro, "c_datetime", Schema.Type.LONG, LogicalTypes.localTimestampMicros());
    assertScalar(avro, "c_geography", Schema.Type.STRING, null);
    assertEquals("GEOGRAPHY", valueOf(avro, "c_geography").getProp("sqlType"));
    assertScalar(avro, "c_json", Schema.Type.STRING, null);
    assertEquals("JSON", valueOf(avro, "c_json").getProp("sqlType"));
    assertNull(valueOf(avro, "c_datetime").getProp(BigQueryAvroSchemas.DATETIME_ENCODING));
  }

  @Test
  void nullableIsAUnionWithNullFirstDefaultingToNull() {
    Schema avro =
        BigQueryAvroSchemas.forLoadFiles(
            table(column("implicit", "STRING", null), column("explicit", "DATE", "NULLABLE")));
    for (Schema.Field field : avro.getFields()) {
      Schema union = field.schema();
      assertEquals(Schema.Type.UNION, union.getType(), field.name());
      assertEquals(Schema.Type.NULL, union.getTypes().get(0).getType(), field.name());
      assertEquals(2, union.getTypes().size(), field.name());
      assertTrue(field.hasDefaultValue(), field.name());
      assertEquals(JsonProperties.NULL_VALUE, field.defaultVal(), field.name());
    }
  }

  @Test
  void requiredIsThePlainTypeAndRepeatedAnArrayOfIt() {
    Schema avro =
        BigQueryAvroSchemas.forLoadFiles(
            table(column("id", "INT64", "REQUIRED"), column("tags", "TIMESTAMP", "REPEATED")));
    assertEquals(Schema.Type.LONG, avro.getField("id").schema().getType());
    Schema tags = avro.getField("tags").schema();
    assertEquals(Schema.Type.ARRAY, tags.getType());
    assertEquals(LogicalTypes.timestampMicros(), tags.getElementType().getLogicalType());
  }

  @Test
  void nestedRecordsHaveUniqueValidNamesAndAColumnNamedFIsAField() {
    TableFieldSchema inner =
        column("a", "RECORD", "REQUIRED").setFields(List.of(column("f", "STRING", null)));
    TableFieldSchema outer =
        column("a", "STRUCT", "REPEATED").setFields(List.of(inner, column("x", "INT64", null)));
    TableFieldSchema sibling =
        column("b", "RECORD", null).setFields(List.of(column("a", "BOOL", null)));
    Schema avro =
        BigQueryAvroSchemas.forLoadFiles(table(outer, sibling, column("f", "JSON", null)));

    Set<String> names = new HashSet<>();
    collectRecordNames(avro, names);
    assertEquals(4, names.size(), "root, a, a.a and b each have their own name: " + names);
    for (String name : names) {
      assertTrue(name.matches("[A-Za-z_][A-Za-z0-9_]*"), name);
    }
    // Avro itself refuses a schema that defines one name twice.
    assertEquals(avro, new Schema.Parser().parse(avro.toString()));
    Schema outerRecord = avro.getField("a").schema().getElementType();
    assertEquals(Schema.Type.RECORD, outerRecord.getField("a").schema().getType());
    assertEquals(Schema.Type.STRING, valueOf(outerRecord.getField("a").schema(), "f").getType());
    assertEquals("JSON", valueOf(avro, "f").getProp("sqlType"));
  }

  /**
   * The proto schema Beam 2.73 derives from the Storage Write schema has the table's types and
   * modes, but for GEOGRAPHY and JSON (Beam reads an Avro string as STRING whatever its sqlType);
   * the protos of all three are strings, so the descriptors of both paths are the same.
   */
  @Test
  void storageWriteSchemaGivesBeamTheTablesTypesModesAndDescriptor() throws Exception {
    List<TableFieldSchema> columns = nullableColumnOfEveryType();
    columns.add(column("req", "NUMERIC", "REQUIRED"));
    columns.add(column("rep", "DATETIME", "REPEATED"));
    columns.add(column("f", "TIME", null));
    columns.add(column("CamelCase", "BIGNUMERIC", null));
    columns.add(
        column("rec", "RECORD", "REPEATED")
            .setFields(
                List.of(
                    column("when", "TIMESTAMP", "REQUIRED"),
                    column("inner", "STRUCT", null)
                        .setFields(List.of(column("d", "DATE", "REPEATED"))))));
    TableSchema table = table(columns);

    com.google.cloud.bigquery.storage.v1.TableSchema fromAvro =
        AvroGenericRecordToStorageApiProto.protoTableSchemaFromAvroSchema(
            BigQueryAvroSchemas.forStorageWrite(table));
    com.google.cloud.bigquery.storage.v1.TableSchema fromTable =
        TableRowToStorageApiProto.schemaToProtoTableSchema(table);
    assertSameTypesAndModes(fromTable.getFieldsList(), fromAvro.getFieldsList(), "");
    assertEquals(
        fieldsOf(TableRowToStorageApiProto.getDescriptorFromTableSchema(fromTable, true, false)),
        fieldsOf(TableRowToStorageApiProto.getDescriptorFromTableSchema(fromAvro, true, false)));
  }

  @Test
  void storageWriteSchemaDiffersFromTheLoadFileSchemaOnlyInTheDatetimeEncoding() {
    TableSchema table = table(nullableColumnOfEveryType());
    Schema load = BigQueryAvroSchemas.forLoadFiles(table);
    Schema storage = BigQueryAvroSchemas.forStorageWrite(table);
    assertNotEquals(load, storage);
    assertEquals(
        BigQueryAvroSchemas.CIVIL_PACKED,
        valueOf(storage, "c_datetime").getProp(BigQueryAvroSchemas.DATETIME_ENCODING));
    Schema storageWithoutTheMark =
        new Schema.Parser()
            .parse(
                storage
                    .toString()
                    .replace(
                        ",\""
                            + BigQueryAvroSchemas.DATETIME_ENCODING
                            + "\":\""
                            + BigQueryAvroSchemas.CIVIL_PACKED
                            + "\"",
                        ""));
    assertEquals(load, storageWithoutTheMark);
  }

  @Test
  void everyTypeAvroCarriesIsAccepted() {
    List<TableFieldSchema> columns = nullableColumnOfEveryType();
    columns.add(column("ts6", "TIMESTAMP", null).setTimestampPrecision(6L));
    columns.add(column("rec", "RECORD", null).setFields(List.of(column("_x1", "STRING", null))));
    assertNull(BigQueryAvroSchemas.whyNotAvro(table(columns)));
  }

  @Test
  void refusesARangeColumn() {
    TableFieldSchema range =
        column("period", "RANGE", null)
            .setRangeElementType(new TableFieldSchema.RangeElementType().setType("DATE"));
    assertRefused(
        table(column("ok", "STRING", null), range),
        "column 'period' is a RANGE, which has no Avro form that BigQuery loads");
  }

  @Test
  void refusesAnIntervalColumnInsideARecord() {
    TableFieldSchema record =
        column("r", "RECORD", "REPEATED").setFields(List.of(column("span", "INTERVAL", null)));
    assertRefused(
        table(record),
        "column 'r.span' is an INTERVAL, which has no Avro form that BigQuery loads");
  }

  // BigQuery's flexible column names allow characters Avro names do not:
  // https://cloud.google.com/bigquery/docs/schemas#flexible-column-names
  @Test
  void refusesAFlexibleColumnNameThatIsNotAnAvroName() {
    for (String name : List.of("my-col", "名前", "a b", "1st", "price€")) {
      assertRefused(
          table(column(name, "STRING", null)),
          "column '"
              + name
              + "' is not an Avro name ([A-Za-z_][A-Za-z0-9_]*), which BigQuery's Avro loading"
              + " requires of every field name");
    }
  }

  @Test
  void refusesAPicosecondTimestamp() {
    assertRefused(
        table(column("at", "TIMESTAMP", null).setTimestampPrecision(12L)),
        "column 'at' is a TIMESTAMP with picosecond precision, which Avro's timestamp-micros"
            + " cannot hold");
  }

  private static void assertRefused(TableSchema table, String reason) {
    assertEquals(reason, BigQueryAvroSchemas.whyNotAvro(table));
    IllegalArgumentException load =
        assertThrows(IllegalArgumentException.class, () -> BigQueryAvroSchemas.forLoadFiles(table));
    assertEquals(reason, load.getMessage());
    IllegalArgumentException storage =
        assertThrows(
            IllegalArgumentException.class, () -> BigQueryAvroSchemas.forStorageWrite(table));
    assertEquals(reason, storage.getMessage());
  }

  private static void assertSameTypesAndModes(
      List<com.google.cloud.bigquery.storage.v1.TableFieldSchema> expected,
      List<com.google.cloud.bigquery.storage.v1.TableFieldSchema> actual,
      String parent) {
    assertEquals(expected.size(), actual.size(), parent);
    for (int i = 0; i < expected.size(); i++) {
      var want = expected.get(i);
      var got = actual.get(i);
      String path = parent + want.getName();
      assertEquals(want.getName().toLowerCase(Locale.ROOT), got.getName(), path);
      Type wantType =
          want.getType() == Type.GEOGRAPHY || want.getType() == Type.JSON
              ? Type.STRING
              : want.getType();
      assertEquals(wantType, got.getType(), path);
      Mode wantMode = want.getMode() == Mode.MODE_UNSPECIFIED ? Mode.NULLABLE : want.getMode();
      assertEquals(wantMode, got.getMode(), path);
      assertSameTypesAndModes(want.getFieldsList(), got.getFieldsList(), path + ".");
    }
  }

  /** A descriptor's fields, nested ones too, without the random names Beam gives messages. */
  private static String fieldsOf(Descriptor descriptor) {
    StringBuilder out = new StringBuilder("{");
    for (FieldDescriptor field : descriptor.getFields()) {
      out.append(field.toProto().toBuilder().clearTypeName().build().toString().replace('\n', ' '));
      if (field.getType() == FieldDescriptor.Type.MESSAGE) {
        out.append(fieldsOf(field.getMessageType()));
      }
    }
    return out.append('}').toString();
  }

  private static void assertScalar(
      Schema record, String column, Schema.Type type, LogicalType logical) {
    Schema value = valueOf(record, column);
    assertEquals(type, value.getType(), column);
    assertEquals(logical, value.getLogicalType(), column);
  }

  /** The field's value type: the non-null branch of a nullable union. */
  private static Schema valueOf(Schema record, String column) {
    Schema schema = record.getField(column).schema();
    return schema.getType() == Schema.Type.UNION ? schema.getTypes().get(1) : schema;
  }

  private static void collectRecordNames(Schema schema, Set<String> names) {
    switch (schema.getType()) {
      case RECORD:
        assertTrue(names.add(schema.getFullName()), "defined twice: " + schema.getFullName());
        for (Schema.Field field : schema.getFields()) {
          collectRecordNames(field.schema(), names);
        }
        break;
      case UNION:
        schema.getTypes().forEach(branch -> collectRecordNames(branch, names));
        break;
      case ARRAY:
        collectRecordNames(schema.getElementType(), names);
        break;
      default:
        break;
    }
  }

  private static List<TableFieldSchema> nullableColumnOfEveryType() {
    List<TableFieldSchema> columns = new ArrayList<>();
    for (String type : EVERY_TYPE) {
      columns.add(column("c_" + type.toLowerCase(Locale.ROOT), type, "NULLABLE"));
    }
    return columns;
  }

  private static TableFieldSchema column(String name, String type, String mode) {
    TableFieldSchema column = new TableFieldSchema().setName(name).setType(type);
    return mode == null ? column : column.setMode(mode);
  }

  private static TableSchema table(TableFieldSchema... columns) {
    return table(List.of(columns));
  }

  private static TableSchema table(List<TableFieldSchema> columns) {
    return new TableSchema().setFields(columns);
  }
}
