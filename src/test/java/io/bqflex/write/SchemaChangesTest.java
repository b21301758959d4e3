package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQuerySchemas;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What writing rows of one schema into a table of another asks of the table. BigQuery's rules
 * (https://cloud.google.com/bigquery/docs/managing-table-schemas): columns may be added if NULLABLE
 * or REPEATED (a REQUIRED one only inside a new RECORD), REQUIRED may be relaxed to NULLABLE, and
 * nothing else changes: no type, no other mode. Column names are case-insensitive
 * (https://cloud.google.com/bigquery/docs/schemas#column_names).
 */
class SchemaChangesTest {
  private static final String TABLE =
      "[{'name': 'id', 'type': 'STRING', 'mode': 'REQUIRED', 'description': 'Order number'},"
          + " {'name': 'qty', 'type': 'INTEGER'},"
          + " {'name': 'tags', 'type': 'STRING', 'mode': 'REPEATED'},"
          + " {'name': 'address', 'type': 'RECORD', 'fields': ["
          + "   {'name': 'city', 'type': 'STRING', 'mode': 'REQUIRED'}]}]";

  private static TableSchema schema(String fields) {
    return BigQuerySchemas.parse(fields.replace('\'', '"'), "test");
  }

  private static SchemaChanges changesTo(String fields) {
    return SchemaChanges.between(schema(TABLE), schema(fields));
  }

  @Test
  void theSameSchemaInOtherSpellingsChangesNothing() {
    SchemaChanges changes =
        changesTo(
            "[{'name': 'ID', 'type': 'STRING', 'mode': 'REQUIRED'},"
                + " {'name': 'qty', 'type': 'INT64', 'mode': 'NULLABLE'},"
                + " {'name': 'tags', 'type': 'STRING', 'mode': 'REPEATED'},"
                + " {'name': 'Address', 'type': 'STRUCT', 'fields': ["
                + "   {'name': 'CITY', 'type': 'STRING', 'mode': 'REQUIRED'}]}]");

    assertTrue(changes.none(), changes.toString());
    assertEquals(schema(TABLE), changes.widened());
  }

  @Test
  void columnsTheSchemaLeavesOutAreNoChange() {
    SchemaChanges changes = changesTo("[{'name': 'id', 'type': 'STRING', 'mode': 'REQUIRED'}]");

    assertTrue(changes.none(), changes.toString());
    assertEquals(schema(TABLE), changes.widened());
  }

  @Test
  void newColumnsAreAddedAfterTheTablesOwnAtEveryLevel() {
    SchemaChanges changes =
        changesTo(
            "[{'name': 'coupon', 'type': 'STRING'},"
                + " {'name': 'address', 'type': 'RECORD', 'fields': ["
                + "   {'name': 'city', 'type': 'STRING', 'mode': 'REQUIRED'},"
                + "   {'name': 'zip', 'type': 'STRING'}]},"
                + " {'name': 'lines', 'type': 'RECORD', 'mode': 'REPEATED', 'fields': ["
                + "   {'name': 'sku', 'type': 'STRING', 'mode': 'REQUIRED'}]}]");

    assertEquals(List.of("coupon", "address.zip", "lines"), changes.added());
    assertEquals(List.of(), changes.relaxed());
    assertEquals(List.of(), changes.refused());
    List<TableFieldSchema> fields = changes.widened().getFields();
    assertEquals(
        List.of("id", "qty", "tags", "address", "coupon", "lines"),
        fields.stream().map(TableFieldSchema::getName).toList());
    assertEquals(
        List.of("city", "zip"),
        fields.get(3).getFields().stream().map(TableFieldSchema::getName).toList());
    // A new RECORD may hold REQUIRED columns.
    assertEquals("REQUIRED", fields.get(5).getFields().get(0).getMode());
    // What the schema does not say of the table's columns stays.
    assertEquals("Order number", fields.get(0).getDescription());
  }

  @Test
  void requiredColumnsRelaxedToNullableAtEveryLevel() {
    TableSchema table = schema(TABLE);
    SchemaChanges changes =
        SchemaChanges.between(
            table,
            schema(
                "[{'name': 'id', 'type': 'STRING'},"
                    + " {'name': 'address', 'type': 'RECORD', 'fields': ["
                    + "   {'name': 'city', 'type': 'STRING', 'mode': 'NULLABLE'}]}]"));

    assertEquals(List.of("id", "address.city"), changes.relaxed());
    assertEquals(List.of(), changes.added());
    assertEquals("NULLABLE", changes.widened().getFields().get(0).getMode());
    assertEquals("NULLABLE", changes.widened().getFields().get(3).getFields().get(0).getMode());
    assertEquals("Order number", changes.widened().getFields().get(0).getDescription());
    // The table's schema as read is left as it was.
    assertEquals(schema(TABLE), table);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'name': 'qty', 'type': 'STRING'}|column 'qty' is INT64 in the table but STRING in the"
            + " schema, and BigQuery changes no column's type in a load or append",
        "{'name': 'qty', 'type': 'INTEGER', 'mode': 'REQUIRED'}|column 'qty' is NULLABLE in the"
            + " table but REQUIRED in the schema, and BigQuery only relaxes REQUIRED to NULLABLE",
        "{'name': 'tags', 'type': 'STRING'}|column 'tags' is REPEATED in the table but NULLABLE in"
            + " the schema, and BigQuery only relaxes REQUIRED to NULLABLE",
        "{'name': 'qty', 'type': 'INTEGER', 'mode': 'REPEATED'}|column 'qty' is NULLABLE in the"
            + " table but REPEATED in the schema, and BigQuery only relaxes REQUIRED to NULLABLE",
        "{'name': 'address', 'type': 'STRING'}|column 'address' is STRUCT in the table but STRING"
            + " in the schema, and BigQuery changes no column's type in a load or append",
        "{'name': 'coupon', 'type': 'STRING', 'mode': 'REQUIRED'}|column 'coupon' is REQUIRED,"
            + " and BigQuery adds only NULLABLE or REPEATED columns to an existing table",
        "{'name': 'address', 'type': 'RECORD', 'fields': [{'name': 'city', 'type': 'STRING',"
            + " 'mode': 'REQUIRED'}, {'name': 'zip', 'type': 'STRING', 'mode': 'REQUIRED'}]}|column"
            + " 'address.zip' is REQUIRED, and BigQuery adds only NULLABLE or REPEATED columns to"
            + " an existing table",
      })
  void changesNoLoadOrAppendMakesAreRefused(String field, String phrase) {
    SchemaChanges changes = changesTo("[" + field + "]");

    assertEquals(List.of(phrase), changes.refused());
    assertEquals(List.of(), changes.added());
    assertEquals(List.of(), changes.relaxed());
  }
}
