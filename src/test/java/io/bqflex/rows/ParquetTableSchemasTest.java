package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The schema a load job makes of a Parquet file's schema: the "Parquet conversions" table of
 * https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-parquet, its options, and our
 * documented extensions and refusals. (Each row's values are pinned in ParquetRowConverterTest.)
 */
class ParquetTableSchemasTest {
  private static final ParquetOptions DEFAULTS = new ParquetOptions(false, false, null);
  private static final ParquetOptions LIST_INFERENCE = new ParquetOptions(true, false, null);

  private static TableSchema map(String fields, ParquetOptions options) {
    return ParquetTableSchemas.toTableSchema(
        ParquetTestFiles.schema("message m { " + fields + " }"), options);
  }

  private static TableFieldSchema only(String field, ParquetOptions options) {
    return map(field, options).getFields().get(0);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "required boolean c | BOOLEAN",
        "required int32 c | INTEGER",
        "required int32 c (INTEGER(8,true)) | INTEGER",
        "required int32 c (INTEGER(16,true)) | INTEGER",
        "required int32 c (INTEGER(32,true)) | INTEGER",
        "required int32 c (INTEGER(8,false)) | INTEGER",
        "required int32 c (INTEGER(16,false)) | INTEGER",
        "required int32 c (INTEGER(32,false)) | INTEGER",
        "required int32 c (UINT_8) | INTEGER",
        "required int32 c (INT_16) | INTEGER",
        "required int32 c (DECIMAL(9,2)) | NUMERIC",
        "required int32 c (DATE) | DATE",
        "required int64 c | INTEGER",
        "required int64 c (INTEGER(64,true)) | INTEGER",
        "required int64 c (INTEGER(64,false)) | INTEGER",
        "required int64 c (DECIMAL(18,9)) | NUMERIC",
        "required int64 c (TIMESTAMP(MILLIS,true)) | TIMESTAMP",
        "required int64 c (TIMESTAMP(MICROS,true)) | TIMESTAMP",
        "required int64 c (TIMESTAMP_MILLIS) | TIMESTAMP",
        "required int64 c (TIMESTAMP_MICROS) | TIMESTAMP",
        "required int96 c | TIMESTAMP",
        "required float c | FLOAT",
        "required double c | FLOAT",
        "required binary c | BYTES",
        "required binary c (STRING) | STRING",
        "required binary c (UTF8) | STRING",
        "required binary c (ENUM) | BYTES",
        "required fixed_len_byte_array(16) c (DECIMAL(38,9)) | NUMERIC",
        "required fixed_len_byte_array(4) c | BYTES",
        // Our documented extensions:
        "required int64 c (TIMESTAMP(MILLIS,false)) | DATETIME",
        "required int64 c (TIMESTAMP(MICROS,false)) | DATETIME",
        "required int32 c (TIME(MILLIS,true)) | TIME",
        "required int64 c (TIME(MICROS,false)) | TIME",
        "required binary c (JSON) | JSON",
        "required binary c (DECIMAL(20,4)) | NUMERIC",
      })
  void mapsEachRowOfBigQuerysParquetTable(String field, String type) {
    assertEquals(type, only(field + ";", DEFAULTS).getType());
  }

  @Test
  void enumIsStringWithEnumAsString() {
    assertEquals(
        "STRING",
        only("required binary c (ENUM);", new ParquetOptions(false, true, null)).getType());
  }

  @Test
  void keepsModesAndNestsGroupsAsRecords() {
    TableSchema schema =
        map(
            "required int64 id; optional binary name (STRING); repeated int32 scores;"
                + " optional group address { required binary city (STRING);"
                + " repeated group lines { optional binary text (STRING); } }",
            DEFAULTS);
    assertEquals(
        "[id INTEGER REQUIRED, name STRING NULLABLE, scores INTEGER REPEATED,"
            + " address RECORD NULLABLE [city STRING REQUIRED,"
            + " lines RECORD REPEATED [text STRING NULLABLE]]]",
        describe(schema));
  }

  private static final String STANDARD_LIST =
      "optional group tags (LIST) { repeated group list { optional binary element (STRING); } }";

  @Test
  void standardListIsNestedRecordsWithoutListInference() {
    assertEquals(
        "[tags RECORD NULLABLE [list RECORD REPEATED [element STRING NULLABLE]]]",
        describe(map(STANDARD_LIST, DEFAULTS)));
  }

  @Test
  void standardListIsRepeatedElementWithListInference() {
    assertEquals("[tags STRING REPEATED]", describe(map(STANDARD_LIST, LIST_INFERENCE)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Parquet's backward-compatibility rules (parquet-format LogicalTypes.md, Lists).
        "required group c (LIST) { repeated int32 element; } | [c INTEGER REPEATED]",
        "required group c (LIST) { repeated group element { required binary s (UTF8);"
            + " required int32 n; } } | [c RECORD REPEATED [s STRING REQUIRED, n INTEGER REQUIRED]]",
        "required group c (LIST) { repeated group array { required binary s (UTF8); } }"
            + " | [c RECORD REPEATED [s STRING REQUIRED]]",
        "required group c (LIST) { repeated group c_tuple { required binary s (UTF8); } }"
            + " | [c RECORD REPEATED [s STRING REQUIRED]]",
        "required group c (LIST) { repeated group bag { optional group item { required int32 n;"
            + " } } } | [c RECORD REPEATED [n INTEGER REQUIRED]]",
      })
  void infersListsOfTheBackwardCompatibleForms(String field, String expected) {
    assertEquals(expected, describe(map(field, LIST_INFERENCE)));
  }

  @Test
  void groupNamedListWithoutTheAnnotationIsARecord() {
    assertEquals(
        "[c RECORD REQUIRED [list RECORD REPEATED [element INTEGER REQUIRED]]]",
        describe(
            map(
                "required group c { repeated group list { required int32 element; } }",
                LIST_INFERENCE)));
  }

  /**
   * decimalTargetTypes: the first of NUMERIC, BIGNUMERIC, STRING listed that holds the decimal,
   * else the widest listed (REST reference, JobConfigurationLoad.decimalTargetTypes).
   */
  @ParameterizedTest(name = "DECIMAL({0},{1}) with {2} -> {3}")
  @CsvSource({
    "9, 2, '', NUMERIC",
    "38, 9, '', NUMERIC",
    "38, 10, '', NUMERIC",
    "38, 10, 'NUMERIC,BIGNUMERIC', BIGNUMERIC",
    "38, 10, 'STRING,NUMERIC', STRING",
    "30, 0, 'BIGNUMERIC,NUMERIC', BIGNUMERIC",
    "29, 0, 'BIGNUMERIC,NUMERIC', NUMERIC",
    "76, 38, 'NUMERIC,BIGNUMERIC', BIGNUMERIC",
  })
  void decimalsTakeTheirTypeFromDecimalTargetTypes(
      int precision, int scale, String targets, String type) {
    ParquetOptions options =
        new ParquetOptions(false, false, DecimalTargetTypes.parse(targets, "decimalTargetTypes"));
    String field =
        "required fixed_len_byte_array(32) c (DECIMAL(" + precision + "," + scale + "));";
    assertEquals(type, only(field, options).getType());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "required int64 c (TIMESTAMP(NANOS,true)); | nanoseconds",
        "required int64 c (TIME(NANOS,true)); | nanoseconds",
        "optional group c (MAP) { repeated group key_value { required binary key (STRING);"
            + " optional int32 value; } } | MAP",
        "required fixed_len_byte_array(12) c (INTERVAL); | not of a type",
        "required binary c (BSON); | not of a type",
        "required fixed_len_byte_array(16) c (UUID); | not of a type",
        "required fixed_len_byte_array(2) c (FLOAT16); | not of a type",
        "optional group c { } | without fields",
      })
  void refusesWhatTheTableDoesNotListNamingTheColumn(String field, String reason) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> map("required int32 ok; optional group outer { " + field + " }", DEFAULTS));
    assertTrue(e.getMessage().startsWith("Parquet column 'outer.c'"), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void refusesAListOfListsWithListInference() {
    String field =
        "required group c (LIST) { repeated group list { required group element (LIST) {"
            + " repeated group list { required int32 element; } } } }";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> map(field, LIST_INFERENCE));
    assertTrue(e.getMessage().contains("'c' is a LIST of LISTs"), e.getMessage());
    assertEquals(
        "[c RECORD REQUIRED [list RECORD REPEATED [element RECORD REQUIRED"
            + " [list RECORD REPEATED [element INTEGER REQUIRED]]]]]",
        describe(map(field, DEFAULTS)));
  }

  @Test
  void refusesColumnsDifferingOnlyInCase() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> map("required int32 Id; required int32 id;", DEFAULTS));
    assertTrue(e.getMessage().contains("'id'"), e.getMessage());
  }

  /** "name TYPE MODE [children]" for each field. */
  static String describe(TableSchema schema) {
    return describe(schema.getFields());
  }

  private static String describe(java.util.List<TableFieldSchema> fields) {
    StringBuilder out = new StringBuilder("[");
    for (TableFieldSchema field : fields) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append(field.getName()).append(' ').append(field.getType()).append(' ');
      out.append(field.getMode());
      if (field.getFields() != null) {
        out.append(' ').append(describe(field.getFields()));
      }
    }
    return out.append(']').toString();
  }
}
