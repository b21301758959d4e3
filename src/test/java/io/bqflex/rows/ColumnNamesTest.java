package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Column names as https://cloud.google.com/bigquery/docs/schemas#column_names and
 * #flexible-column-names allow them, checked when a schema file is read.
 */
class ColumnNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "f",
        "F",
        "_private",
        "1st_place",
        "名前",
        "Größe",
        "e\u0301te",
        "order-id",
        "order id",
        "a&b%c=d+e:f'g<h>i#j|k",
        "x‿y",
        "٣٤"
      })
  void acceptsEveryNameFlexibleColumnNamesAllow(String name) {
    TableSchema schema = BigQuerySchemas.parse(schemaWith(name), "names.json");

    assertEquals(name, schema.getFields().get(0).getName());
  }

  @Test
  void acceptsANameOf300CharactersAndRefuses301() {
    String longest = "n".repeat(300);
    assertEquals(
        longest,
        BigQuerySchemas.parse(schemaWith(longest), "names.json").getFields().get(0).getName());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BigQuerySchemas.parse(schemaWith(longest + "n"), "names.json"));

    assertTrue(
        e.getMessage().contains("is 301 characters long; BigQuery column names have at most 300"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.b", "a!b", "cost$", "a/b", "a(b)", "a,b", "a;b", "a@b", "a*b", "é?"})
  void refusesCharactersFlexibleColumnNamesLeaveOut(String name) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BigQuerySchemas.parse(schemaWith(name), "names.json"));

    assertTrue(
        e.getMessage().startsWith("names.json: field '" + name + "': the name contains '"),
        e.getMessage());
    assertTrue(e.getMessage().contains("which BigQuery does not allow"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "_TABLE_SUFFIX",
        "_table_name",
        "_FILE_NAME",
        "_PARTITIONTIME",
        "_partitiondate",
        "_ROW_TIMESTAMP",
        "__ROOT__",
        "_COLON_x",
        "_CHANGE_TYPE",
        "_change_sequence_number"
      })
  void refusesReservedPrefixesInAnyCase(String name) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BigQuerySchemas.parse(schemaWith(name), "names.json"));

    assertTrue(e.getMessage().contains("a prefix BigQuery reserves"), e.getMessage());
  }

  @Test
  void checksNestedNamesByTheSameRules() {
    String json =
        "[{\"name\": \"r\", \"type\": \"RECORD\", \"fields\": [{\"name\": \"a.b\", \"type\":"
            + " \"STRING\"}]}]";

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BigQuerySchemas.parse(json, "n.json"));

    assertTrue(e.getMessage().startsWith("n.json: field 'r.a.b': the name contains '.'"));
  }

  private static String schemaWith(String name) {
    return "[{\"name\": \"" + name.replace("\\", "\\\\") + "\", \"type\": \"STRING\"}]";
  }
}
