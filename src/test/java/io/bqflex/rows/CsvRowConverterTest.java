package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvRowConverterTest {
  private CsvRowConverter converter;

  @BeforeEach
  void setUp() throws IOException {
    TableSchema schema =
        BigQuerySchemas.parse(
            Files.readString(
                Path.of("src/test/resources/CsvRowConverterTest/schema.json"),
                StandardCharsets.UTF_8),
            "schema.json");
    converter = new CsvRowConverter(schema);
  }

  @Test
  void mapsColumnsToFieldsByPosition() throws RecordException {
    TableRow row =
        converter.convert(new String[] {"12", "Zoë, 東京", "Y", "2024-01-02 03:04:05+02:00"});

    assertEquals("12", row.get("id"));
    assertEquals("Zoë, 東京", row.get("name"));
    assertEquals(Boolean.TRUE, row.get("active"));
    assertEquals("2024-01-02T01:04:05.000000Z", row.get("joined"));
  }

  @Test
  void readsAnEmptyColumnAsNull() throws RecordException {
    TableRow row = converter.convert(new String[] {"1", "", "", ""});

    assertEquals(Map.of("id", "1"), Map.copyOf(row));
  }

  @Test
  void refusesAnEmptyRequiredColumn() {
    RecordException e =
        assertThrows(
            RecordException.class, () -> converter.convert(new String[] {"", "a", "t", ""}));

    assertEquals(Stage.CONVERT, e.stage());
    assertEquals("field 'id': is REQUIRED but its column is empty", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 5})
  void deadLettersRowWithWrongColumnCount(int count) {
    String[] columns = new String[count];
    java.util.Arrays.fill(columns, "1");

    RecordException e = assertThrows(RecordException.class, () -> converter.convert(columns));

    assertEquals(Stage.PARSE, e.stage());
    assertTrue(e.getMessage().contains("has " + count + " column"), e.getMessage());
    assertTrue(e.getMessage().contains("the schema has 4 fields"), e.getMessage());
  }

  @Test
  void namesTheFieldOfABadValue() {
    RecordException e =
        assertThrows(
            RecordException.class, () -> converter.convert(new String[] {"1", "a", "banana", ""}));

    assertEquals(Stage.CONVERT, e.stage());
    assertTrue(e.getMessage().startsWith("field 'active': 'banana' is not a BOOL"), e.getMessage());
  }

  @Test
  void givesTheUdfAJsonObjectOfColumnTexts() throws Exception {
    String json = converter.toJsonObject(new String[] {"1", "Zoë \"q\" 東京", "", "x"});

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("id", "1");
    expected.put("name", "Zoë \"q\" 東京");
    expected.put("active", null);
    expected.put("joined", "x");
    assertEquals(expected, new ObjectMapper().readValue(json, Map.class));
  }

  @Test
  void refusesAUdfInputWithWrongColumnCount() {
    RecordException e =
        assertThrows(RecordException.class, () -> converter.toJsonObject(new String[] {"1"}));

    assertEquals(Stage.PARSE, e.stage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{\"name\":\"r\",\"type\":\"RECORD\",\"fields\":[{\"name\":\"x\",\"type\":\"STRING\"}]}]",
        "[{\"name\":\"id\",\"type\":\"STRING\"},{\"name\":\"r\",\"type\":\"STRING\",\"mode\":\"REPEATED\"}]"
      })
  void refusesASchemaACsvColumnCannotFill(String schemaJson) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CsvRowConverter(BigQuerySchemas.parse(schemaJson, "inline")));

    assertTrue(e.getMessage().contains("field 'r'"), e.getMessage());
  }

  @Test
  void worksAfterJavaSerializationAsInADoFn() throws RecordException {
    CsvRowConverter copy = SerializableUtils.clone(converter);

    assertEquals("3", copy.convert(new String[] {"3", "", "", ""}).get("id"));
  }
}
