package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BigQuerySchemasTest {

  @ParameterizedTest
  @ValueSource(strings = {"fields.json", "templates.json", "bq-show.json", "table-resource.json"})
  void readsEachShapeUsersHaveIntoTheSameSchema(String file) throws IOException {
    TableSchema schema = BigQuerySchemas.parse(fixture(file), file);

    assertEquals(expectedSchema(), schema);
  }

  @Test
  void normalizesStandardTypeNamesToTheLegacySpellingAndFillsTheMode() {
    TableSchema schema =
        BigQuerySchemas.parse(
            "[{\"name\":\"a\",\"type\":\"int64\"},{\"name\":\"b\",\"type\":\"FLOAT64\"},"
                + "{\"name\":\"c\",\"type\":\"BOOL\",\"mode\":\"required\"},"
                + "{\"name\":\"d\",\"type\":\"STRUCT\",\"mode\":\"REPEATED\","
                + "\"fields\":[{\"name\":\"e\",\"type\":\"BIGDECIMAL\"}]}]",
            "inline");

    List<TableFieldSchema> fields = schema.getFields();
    assertEquals("INTEGER NULLABLE", fields.get(0).getType() + " " + fields.get(0).getMode());
    assertEquals("FLOAT NULLABLE", fields.get(1).getType() + " " + fields.get(1).getMode());
    assertEquals("BOOLEAN REQUIRED", fields.get(2).getType() + " " + fields.get(2).getMode());
    assertEquals("RECORD REPEATED", fields.get(3).getType() + " " + fields.get(3).getMode());
    assertEquals("BIGNUMERIC", fields.get(3).getFields().get(0).getType());
  }

  @Test
  void namesTheFileAndTheFieldPathOfAnUnknownType() throws IOException {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BigQuerySchemas.parse(fixture("typo.json"), "schema.json"));

    assertTrue(
        e.getMessage().startsWith("schema.json: field 'address.zip': unknown type 'STIRNG'"),
        e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"fields": [                                             | is not valid JSON
          ''                                                       | is empty
          {"columns": []}                                          | is not a BigQuery schema
          {"fields": {"name": "a"}}                                | must be a JSON array
          []                                                       | has no fields
          [{"type": "STRING"}]                                     | field #1 at top level has no 'name'
          [{"name": "a"}]                                          | field 'a': missing 'type'
          [{"name": "a", "type": "STRING", "mode": "OPTIONAL"}]    | field 'a': unknown mode 'OPTIONAL'
          [{"name": "r", "type": "RECORD"}]                        | field 'r': a RECORD needs a non-empty 'fields' array
          [{"name": "r", "type": "RECORD", "fields": []}]          | field 'r': a RECORD needs a non-empty 'fields' array
          [{"name": "s", "type": "STRING", "fields": [{"name": "x", "type": "STRING"}]}] | field 's' has 'fields' but is of type STRING
          [{"name": "Id", "type": "STRING"}, {"name": "id", "type": "INTEGER"}]          | field 'id' is declared twice
          [{"name": "r", "type": "RECORD", "fields": [{"name": "x", "type": "STRING"}, {"name": "X", "type": "STRING"}]}] | field 'r.X' is declared twice
          [{"name": "p", "type": "NUMERIC", "precision": 40, "scale": 2}]                | field 'p': precision 40, scale 2 is not valid for NUMERIC
          [{"name": "p", "type": "NUMERIC", "scale": 2}]                                 | field 'p': a scale needs a precision too
          [{"name": "p", "type": "STRING", "precision": 5}]                              | field 'p': precision and scale apply only to NUMERIC and BIGNUMERIC
          [{"name": "p", "type": "INTEGER", "maxLength": 5}]                             | field 'p': maxLength applies only to STRING and BYTES
          [{"name": "p", "type": "STRING", "maxLenght": 5}]                              | field 'p': unknown key 'maxLenght'
          [{"name": "p", "type": "NUMERIC", "roundingMode": "ROUND_UP"}]                  | field 'p': unknown roundingMode 'ROUND_UP'
          [{"name": "p", "type": "FLOAT64", "roundingMode": "ROUND_HALF_EVEN"}]           | field 'p': roundingMode applies only to NUMERIC and BIGNUMERIC
          [{"name": "p", "type": "INT64", "collation": "und:ci"}]                         | field 'p': collation applies only to STRING
          [{"name": "p", "type": "DATE", "timestampPrecision": "12"}]                     | field 'p': timestampPrecision applies only to TIMESTAMP
          [{"name": "p", "type": "TIMESTAMP", "timestampPrecision": "9"}]                 | field 'p': timestampPrecision must be 6 or 12
          [{"name": "p", "type": "RANGE"}]                                               | field 'p': a RANGE needs "rangeElementType"
          [{"name": "p", "type": "RANGE", "rangeElementType": {"type": "TIME"}}]          | field 'p': a RANGE needs "rangeElementType"
          [{"name": "p", "type": "DATE", "rangeElementType": {"type": "DATE"}}]           | field 'p': rangeElementType applies only to RANGE
          [{"name": "p", "type": "STRING", "policyTags": "secret"}]                      | field 'p': {"policyTags":"secret"} does not fit BigQuery's field keys
          """)
  void rejectsABadSchemaFileNamingFileAndProblem(String json, String problem) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BigQuerySchemas.parse(json, "bad.json"));

    assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  /**
   * {@code bq show --schema} prints every key of the REST API's TableFieldSchema, INT64 keys as
   * JSON strings
   * (https://cloud.google.com/bigquery/docs/reference/rest/v2/tables#TableFieldSchema).
   */
  @Test
  void readsEveryKeyOfBigQuerysFieldModelAndCarriesItOn() throws IOException {
    TableSchema schema = BigQuerySchemas.parse(fixture("every-key.json"), "every-key.json");

    TableFieldSchema code = schema.getFields().get(0);
    assertEquals(8L, code.getMaxLength());
    assertEquals("und:ci", code.getCollation());
    assertEquals("'none'", code.getDefaultValueExpression());
    assertEquals("order code", code.getDescription());
    assertEquals(
        List.of("projects/p/locations/us/taxonomies/1/policyTags/2"),
        code.getPolicyTags().getNames());
    assertEquals(
        "projects/p/locations/us/dataPolicies/mask_code", code.getDataPolicies().get(0).getName());
    assertEquals(List.of("projects/p/taxonomies/1/categories/3"), code.getCategories().getNames());
    TableFieldSchema amount = schema.getFields().get(2);
    assertEquals("ROUND_HALF_EVEN", amount.getRoundingMode());
    assertEquals(5L, amount.getPrecision());
    assertEquals(6L, schema.getFields().get(4).getTimestampPrecision());
    assertEquals("DATE", schema.getFields().get(5).getRangeElementType().getType());
    assertEquals("string", schema.getFields().get(6).getForeignTypeDefinition());
    assertEquals(schema, BigQuerySchemas.parse(BigQuerySchemas.toJson(schema), "round-trip"));
    assertEquals(schema, BigQuerySchemas.parse(BigQuerySchemas.toBqShowJson(schema), "round-trip"));
  }

  /**
   * BigQueryIO parses the schema it is given with the client's model, which takes INT64 keys only
   * as JSON strings: a number ended the run with "key maxLength ... cannot use @JsonString
   * annotation" after every record had been processed.
   */
  @Test
  void writesSchemasBigQueryIoCanParse() throws IOException {
    TableSchema schema = BigQuerySchemas.parse(fixture("every-key.json"), "every-key.json");

    String json = BigQuerySchemas.toJson(schema);

    assertEquals(schema, BigQueryHelpers.fromJsonString(json, TableSchema.class));
    assertTrue(json.contains("\"maxLength\" : \"8\""), json);
  }

  /** https://cloud.google.com/bigquery/docs/nested-repeated: at most 15 levels of nesting. */
  @Test
  void refusesRecordsNestedDeeperThanBigQueryAllows() {
    assertEquals(15, depthOf(BigQuerySchemas.parse(nested(15), "deep.json").getFields()));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BigQuerySchemas.parse(nested(16), "deep.json"));

    assertTrue(
        e.getMessage()
            .startsWith(
                "deep.json: field 'r1.r2.r3.r4.r5.r6.r7.r8.r9.r10.r11.r12.r13.r14.r15.r16': RECORD"
                    + " nested 16 levels deep; BigQuery allows at most 15"),
        e.getMessage());
  }

  /**
   * Column names are case-insensitive, so two that differ only in case are one column twice
   * (https://cloud.google.com/bigquery/docs/schemas#column_names); flexible names included.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Order ID  | ORDER id
          f         | F
          数量-KG   | 数量-kg
          """)
  void refusesTwoColumnsThatDifferOnlyInCase(String first, String second) {
    String json =
        "[{\"name\": \""
            + first
            + "\", \"type\": \"STRING\"}, {\"name\": \""
            + second
            + "\", \"type\": \"STRING\"}]";

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BigQuerySchemas.parse(json, "dup.json"));

    assertEquals(
        "dup.json: field '"
            + second
            + "' is declared twice (BigQuery column names are case-insensitive)",
        e.getMessage());
  }

  @Test
  void writesTheBareArrayBqShowPrintsAndReadsItBack() throws IOException {
    TableSchema schema = BigQuerySchemas.parse(fixture("fields.json"), "fields.json");

    String bqShow = BigQuerySchemas.toBqShowJson(schema);

    assertTrue(bqShow.startsWith("[{"), bqShow);
    assertEquals(schema, BigQuerySchemas.parse(bqShow, "bq-show"));
  }

  @Test
  void writesAFieldsDocumentAndReadsItBack() throws IOException {
    TableSchema schema = BigQuerySchemas.parse(fixture("templates.json"), "templates.json");

    String json = BigQuerySchemas.toJson(schema);

    assertTrue(json.trim().startsWith("{"), json);
    assertTrue(json.contains("\"fields\""), json);
    assertEquals(schema, BigQuerySchemas.parse(json, "round-trip"));
  }

  private static TableSchema expectedSchema() {
    return new TableSchema()
        .setFields(
            List.of(
                field("id", "INTEGER", "REQUIRED").setDescription("the key"),
                field("name", "STRING", "NULLABLE"),
                field("price", "NUMERIC", "NULLABLE").setPrecision(10L).setScale(2L),
                field("tags", "STRING", "REPEATED").setMaxLength(20L),
                field("address", "RECORD", "NULLABLE")
                    .setFields(
                        List.of(
                            field("zip", "STRING", "NULLABLE"),
                            field("active", "BOOLEAN", "NULLABLE")))));
  }

  /** A schema of {@code levels} RECORDs, each inside the one before. */
  private static String nested(int levels) {
    String inner = "{\"name\": \"leaf\", \"type\": \"STRING\"}";
    for (int level = levels; level >= 1; level--) {
      inner = "{\"name\": \"r" + level + "\", \"type\": \"RECORD\", \"fields\": [" + inner + "]}";
    }
    return "[" + inner + "]";
  }

  private static int depthOf(List<TableFieldSchema> fields) {
    int depth = 0;
    for (TableFieldSchema field : fields) {
      if (field.getFields() != null) {
        depth = Math.max(depth, 1 + depthOf(field.getFields()));
      }
    }
    return depth;
  }

  private static TableFieldSchema field(String name, String type, String mode) {
    return new TableFieldSchema().setName(name).setType(type).setMode(mode);
  }

  private static String fixture(String name) throws IOException {
    return Files.readString(
        Path.of("src/test/resources/BigQuerySchemasTest", name), StandardCharsets.UTF_8);
  }
}
