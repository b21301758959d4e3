package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonRowConverterTest {
  private TableSchema schema;
  private JsonRowConverter converter;

  @BeforeEach
  void setUp() throws IOException {
    schema =
        BigQuerySchemas.parse(
            Files.readString(
                Path.of("src/test/resources/JsonRowConverterTest/schema.json"),
                StandardCharsets.UTF_8),
            "schema.json");
    converter = new JsonRowConverter(schema, false);
  }

  @Test
  void convertsNestedAndRepeatedFields() throws RecordException {
    TableRow row =
        converter.convert(
            "{\"id\": \"7\", \"name\": \"Zoë 東京 🎉\", \"tags\": [\"a\", \"b\"], \"scores\": [1, \"2\"],"
                + " \"address\": {\"zip\": \"75001\", \"since\": \"2020-1-2\"},"
                + " \"items\": [{\"sku\": \"A\", \"qty\": 2}, {\"sku\": \"B\"}]}");

    assertEquals("7", row.get("id"));
    assertEquals("Zoë 東京 🎉", row.get("name"));
    assertEquals(List.of("a", "b"), row.get("tags"));
    assertEquals(List.of("1", "2"), row.get("scores"));
    assertEquals(Map.of("zip", "75001", "since", "2020-01-02"), row.get("address"));
    assertEquals(List.of(Map.of("sku", "A", "qty", "2"), Map.of("sku", "B")), row.get("items"));
  }

  @Test
  void leavesNullAndAbsentFieldsOut() throws RecordException {
    TableRow row =
        converter.convert("{\"id\": 1, \"name\": null, \"tags\": null, \"address\": null}");

    assertEquals(Map.of("id", "1"), Map.copyOf(row));
  }

  @Test
  void matchesKeysCaseInsensitivelyAndWritesTheSchemasName() throws RecordException {
    TableRow row = converter.convert("{\"ID\": 1, \"Name\": \"x\"}");

    assertEquals(Map.of("id", "1", "name", "x"), Map.copyOf(row));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          {"id": 1                    | is not valid JSON
          {"id": 1,}                  | is not valid JSON
          not json                    | is not valid JSON
          [{"id": 1}]                 | is a JSON array, not a JSON object
          42                          | is a JSON number, not a JSON object
          "text"                      | is a JSON string, not a JSON object
          null                        | is JSON null, not a JSON object
          ``                          | is empty, not a JSON object
          {"id": 1} x                 | is not valid JSON
          {"id": 1} {"id": 2}         | has more after its JSON object
          """)
  void refusesTextThatIsNotOneJsonObjectAtParse(String text, String problem) {
    RecordException e = assertThrows(RecordException.class, () -> converter.convert(text));

    assertEquals(Stage.PARSE, e.stage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          {"name": "x"}                                             | field 'id': is REQUIRED but missing
          {"id": null}                                              | field 'id': is REQUIRED but null
          {"id": 1, "address": {"since": "2020-01-01"}}             | field 'address.zip': is REQUIRED but missing
          {"id": 1, "items": [{"sku": "A"}, {"qty": 1}]}            | field 'items[1].sku': is REQUIRED but missing
          {"id": 1, "items": [{"sku": "A", "qty": "x"}]}            | field 'items[0].qty': 'x' is not an INT64
          {"id": 1, "tags": "a"}                                    | field 'tags': is REPEATED, so it needs a JSON array, not a JSON string
          {"id": 1, "tags": ["a", null]}                            | field 'tags[1]': null is not allowed in a REPEATED field
          {"id": 1, "scores": [1, "two"]}                           | field 'scores[1]': 'two' is not an INT64
          {"id": 1, "tags": [["a"]]}                                | field 'tags[0]': got a JSON array, expected a STRING
          {"id": 1, "address": "Paris"}                             | field 'address': got a string, expected a JSON object
          {"id": 1, "address": 75001}                               | field 'address': got the number '75001', expected a JSON object
          {"id": 1, "name": {"first": "a"}}                         | field 'name': got a JSON object, expected a STRING
          {"id": 1, "id": 2}                                        | field 'id': appears more than once
          {"id": 1, "extra": true}                                  | field 'extra' is not in the BigQuery schema
          {"id": 1, "address": {"zip": "1", "extra": 1}}            | field 'address.extra' is not in the BigQuery schema
          {"id": 1, "items": [{"sku": "A", "extra": 1}]}            | field 'items[0].extra' is not in the BigQuery schema
          """)
  void refusesObjectsThatDoNotFitTheSchemaAtConvert(String text, String message) {
    RecordException e = assertThrows(RecordException.class, () -> converter.convert(text));

    assertEquals(Stage.CONVERT, e.stage());
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void dropsUnknownFieldsWhenToldToIgnoreThem() throws RecordException {
    JsonRowConverter lenient = new JsonRowConverter(schema, true);

    TableRow row =
        lenient.convert(
            "{\"id\": 1, \"extra\": {\"deep\": [1, {\"x\": null}]}, \"more\": [1, 2],"
                + " \"address\": {\"zip\": \"1\", \"unknown\": \"y\"}}");

    assertEquals(Map.of("id", "1", "address", Map.of("zip", "1")), Map.copyOf(row));
  }

  @Test
  void worksAfterJavaSerializationAsInADoFn() throws RecordException {
    JsonRowConverter copy = SerializableUtils.clone(converter);

    assertEquals("5", copy.convert("{\"id\": 5}").get("id"));
  }

  @Test
  void rejectsAnInvalidSchemaAtConstruction() {
    TableSchema broken =
        new TableSchema()
            .setFields(
                List.of(
                    new com.google.api.services.bigquery.model.TableFieldSchema()
                        .setName("x")
                        .setType("STIRNG")));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new JsonRowConverter(broken, false));

    assertTrue(e.getMessage().contains("field 'x': unknown type 'STIRNG'"), e.getMessage());
  }

  @Test
  void keepsTheOffendingPayloadOutOfParseMessages() {
    String huge = "{\"id\": 1, \"name\": \"" + "y".repeat(10_000) + "\", oops}";

    RecordException e = assertThrows(RecordException.class, () -> converter.convert(huge));

    assertEquals(Stage.PARSE, e.stage());
    assertFalse(e.getMessage().contains("yyyyyyyyyy"), e.getMessage());
  }
}
