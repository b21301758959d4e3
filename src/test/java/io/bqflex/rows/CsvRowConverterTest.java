package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
  void readsANullColumnAsNull() throws RecordException {
    TableRow row = converter.convert(new String[] {"1", null, null, null});

    assertEquals(Map.of("id", "1"), Map.copyOf(row));
  }

  // The parser gives "" only for a quoted empty column ("") under BigQuery's default null marker
  // (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-csv): our choice is an empty
  // STRING, and NULL in columns of other types.
  @Test
  void readsAQuotedEmptyColumnAsAnEmptyStringAndAsNullInOtherTypes() throws RecordException {
    TableRow row = converter.convert(new String[] {"1", "", "", ""});

    assertEquals(Map.of("id", "1", "name", ""), Map.copyOf(row));
  }

  // nullMarker: "If you set this property to a custom value, BigQuery throws an error if an empty
  // string is present for all data types except for STRING and BYTE. For STRING and BYTE columns,
  // BigQuery interprets the empty string as an empty value." (CsvOptions / load configuration
  // reference, https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-csv#csv-options)
  @Test
  void readsTheNullMarkerAsNullAndEmptyAsAnEmptyString() throws RecordException {
    CsvRowConverter marked = withOptions(new CsvLoadOptions(List.of("NA"), false, false));

    assertEquals(
        Map.of("id", "1"), Map.copyOf(marked.convert(new String[] {"1", "NA", "NA", "NA"})));
    assertEquals(
        Map.of("id", "1", "name", "", "active", true),
        Map.copyOf(marked.convert(new String[] {"1", "", "t", "NA"})));
  }

  @Test
  void deadLettersAnEmptyNonStringColumnOnceANullMarkerIsSet() {
    CsvRowConverter marked = withOptions(new CsvLoadOptions(List.of("NA"), false, false));

    RecordException e =
        assertThrows(
            RecordException.class, () -> marked.convert(new String[] {"1", "x", "", "NA"}));

    assertEquals(Stage.CONVERT, e.stage());
    assertTrue(e.getMessage().startsWith("field 'active': is empty"), e.getMessage());
  }

  // nullMarkers: "Any strings listed in null_markers, including empty string would be interpreted
  // as SQL NULL. This applies to all column types."
  @Test
  void readsEveryListedNullMarkerIncludingEmptyAsNull() throws RecordException {
    CsvRowConverter marked = withOptions(new CsvLoadOptions(List.of("", "-"), false, false));

    assertEquals(Map.of("id", "1"), Map.copyOf(marked.convert(new String[] {"1", "", "-", ""})));
    assertEquals(
        "{\"id\":\"1\",\"name\":null,\"active\":null,\"joined\":\"x\"}",
        marked.toJsonObject(new String[] {"1", "-", "", "x"}));
  }

  // allowJaggedRows: "BigQuery treats missing trailing columns as null values."
  @Test
  void readsMissingTrailingColumnsAsNullWhenJaggedRowsAreAllowed() throws RecordException {
    CsvRowConverter jagged = withOptions(new CsvLoadOptions(null, true, false));

    assertEquals(
        Map.of("id", "1", "name", "a"), Map.copyOf(jagged.convert(new String[] {"1", "a"})));
    assertEquals(
        "{\"id\":\"1\",\"name\":null,\"active\":null,\"joined\":null}",
        jagged.toJsonObject(new String[] {"1"}));
    RecordException e = assertThrows(RecordException.class, () -> jagged.convert(new String[] {}));
    assertEquals("field 'id': is REQUIRED but the record has no column for it", e.getMessage());
  }

  // ignoreUnknownValues, CSV: "Trailing columns" are ignored.
  @Test
  void dropsExtraTrailingColumnsWhenUnknownValuesAreIgnored() throws RecordException {
    CsvRowConverter lenient = withOptions(new CsvLoadOptions(null, false, true));

    assertEquals(
        Map.of("id", "1", "name", "a"),
        Map.copyOf(lenient.convert(new String[] {"1", "a", null, null, "extra", "more"})));
    RecordException tooFew =
        assertThrows(RecordException.class, () -> lenient.convert(new String[] {"1"}));
    assertTrue(tooFew.getMessage().contains("allowJaggedRows"), tooFew.getMessage());
  }

  private CsvRowConverter withOptions(CsvLoadOptions options) {
    try {
      return new CsvRowConverter(
          BigQuerySchemas.parse(
              Files.readString(Path.of("src/test/resources/CsvRowConverterTest/schema.json")),
              "schema.json"),
          options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    String json = converter.toJsonObject(new String[] {"1", "Zoë \"q\" 東京", null, "x"});

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
