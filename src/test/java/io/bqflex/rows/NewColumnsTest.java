package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fields records carry that a table lacks, typed from their JSON values by the documented
 * mapping, merged across records and added to a schema as BigQuery lets a schema grow: NULLABLE or
 * REPEATED columns at the end of the table or of a RECORD
 * (https://cloud.google.com/bigquery/docs/managing-table-schemas#add_columns_to_a_tables_schema_definition).
 */
class NewColumnsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE =
      "[{\"name\": \"id\", \"type\": \"STRING\", \"mode\": \"REQUIRED\"},"
          + " {\"name\": \"User\", \"type\": \"RECORD\", \"fields\": [{\"name\": \"id\", \"type\":"
          + " \"STRING\"}]}]";

  @Test
  void eachJsonTypeMapsToItsColumnType() throws Exception {
    NewColumns.Widening widening =
        widen(
            "{\"id\": \"a\", \"s\": \"x\", \"i\": 1, \"f\": 1.5, \"b\": false,"
                + " \"o\": {\"k\": \"v\", \"n\": 2}, \"a\": [1, 2], \"r\": [{\"k\": 1}]}");

    assertEquals(
        List.of(
            "id STRING REQUIRED",
            "User RECORD NULLABLE (id STRING NULLABLE)",
            "a INT64 REPEATED",
            "b BOOL NULLABLE",
            "f FLOAT64 NULLABLE",
            "i INT64 NULLABLE",
            "o RECORD NULLABLE (k STRING NULLABLE, n INT64 NULLABLE)",
            "r RECORD REPEATED (k INT64 NULLABLE)",
            "s STRING NULLABLE"),
        SchemaLines.of(widening.schema().getFields()));
    assertEquals(Map.of(), widening.conflicts());
  }

  @Test
  void valuesThatSayNoTypeOrThatNoColumnHoldsAddNothing() throws Exception {
    NewColumns.Widening widening =
        widen(
            "{\"id\": \"a\", \"nothing\": null, \"empty\": [], \"bare\": {},"
                + " \"matrix\": [[1]], \"mixed\": [1, \"x\"], \"nulls\": [null]}");

    assertEquals(List.of(), widening.added());
  }

  @Test
  void integersAndOtherNumbersTogetherAreFloat64() throws Exception {
    assertEquals(
        List.of("n FLOAT64", "v REPEATED FLOAT64"),
        widen("{\"n\": 1, \"v\": [1, 2.5]}", "{\"n\": 2.5}").added());
  }

  @Test
  void theTypeMostRecordsGiveWinsAndTheConflictIsReported() throws Exception {
    NewColumns.Widening widening =
        widen("{\"size\": 1}", "{\"size\": \"L\"}", "{\"size\": 3}", "{\"flag\": true}");

    assertEquals(List.of("flag BOOL", "size INT64"), widening.added());
    assertEquals(
        Map.of("size", "INT64 in 2 records, STRING in 1 record: added as INT64"),
        widening.conflicts());
  }

  @Test
  void aTieGoesToTheTypeNamedFirst() throws Exception {
    NewColumns.Widening widening = widen("{\"size\": \"L\"}", "{\"size\": true}");
    assertEquals(List.of("size BOOL"), widening.added());
    assertTrue(widening.conflicts().get("size").endsWith("added as BOOL"));
  }

  @Test
  void fieldsInsideAnExistingRecordAreAddedThereAndNamesMatchInAnyCase() throws Exception {
    NewColumns.Widening widening =
        widen("{\"ID\": \"a\", \"user\": {\"id\": \"u\", \"plan\": \"pro\"}}");

    assertEquals(List.of("user.plan STRING"), widening.added());
    assertEquals(
        "User RECORD NULLABLE (id STRING NULLABLE, plan STRING NULLABLE)",
        SchemaLines.of(widening.schema().getFields()).get(1));
  }

  @Test
  void theSchemaAddedToIsNotChanged() throws Exception {
    TableSchema table = BigQuerySchemas.parse(TABLE, "test");
    String before = table.toString();

    NewColumns.in(JSON.readTree("{\"user\": {\"plan\": \"pro\"}, \"x\": 1}"), table.getFields())
        .addTo(table);

    assertEquals(before, table.toString());
  }

  private static NewColumns.Widening widen(String... records) throws Exception {
    TableSchema table = BigQuerySchemas.parse(TABLE, "test");
    NewColumns merged = new NewColumns();
    for (String record : records) {
      merged.merge(NewColumns.in(JSON.readTree(record), table.getFields()));
    }
    return merged.addTo(table);
  }
}
