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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BigQuerySchemasTest {

  @ParameterizedTest
  @ValueSource(strings = {"fields.json", "templates.json", "bq-show.json"})
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
          """)
  void rejectsABadSchemaFileNamingFileAndProblem(String json, String problem) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BigQuerySchemas.parse(json, "bad.json"));

    assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
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

  private static TableFieldSchema field(String name, String type, String mode) {
    return new TableFieldSchema().setName(name).setType(type).setMode(mode);
  }

  private static String fixture(String name) throws IOException {
    return Files.readString(
        Path.of("src/test/resources/BigQuerySchemasTest", name), StandardCharsets.UTF_8);
  }
}
