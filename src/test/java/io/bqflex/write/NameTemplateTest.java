package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.BigQuerySchemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Table and dataset names formed from rows. The rule every formed table name is held to is
 * BigQuery's table naming: up to 1,024 UTF-8 bytes of Unicode letters, marks, numbers, connectors,
 * dashes and spaces (https://cloud.google.com/bigquery/docs/tables#table_naming); a dataset name
 * has up to 1,024 letters, numbers and underscores
 * (https://cloud.google.com/bigquery/docs/datasets#dataset-naming), read as ASCII. Values are in
 * the canonical forms our converters put in rows (DATE yyyy-MM-dd, DATETIME
 * yyyy-MM-ddTHH:mm:ss.ffffff, TIMESTAMP the same with Z).
 */
class NameTemplateTest {
  private static final TableSchema SCHEMA =
      BigQuerySchemas.parse(
          "[{\"name\":\"Event_Type\",\"type\":\"STRING\"},"
              + "{\"name\":\"shard\",\"type\":\"INTEGER\"},"
              + "{\"name\":\"live\",\"type\":\"BOOLEAN\"},"
              + "{\"name\":\"day\",\"type\":\"DATE\"},"
              + "{\"name\":\"at\",\"type\":\"DATETIME\"},"
              + "{\"name\":\"ts\",\"type\":\"TIMESTAMP\"},"
              + "{\"name\":\"price\",\"type\":\"FLOAT\"},"
              + "{\"name\":\"tags\",\"type\":\"STRING\",\"mode\":\"REPEATED\"},"
              + "{\"name\":\"who\",\"type\":\"RECORD\",\"fields\":"
              + "[{\"name\":\"name\",\"type\":\"STRING\"}]}]",
          "test schema");

  private static NameTemplate checked(String text) {
    return NameTemplate.forTables(text).check(SCHEMA);
  }

  private static String refusal(String text) {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> checked(text));
    assertTrue(e.getMessage().contains("'outputTableNameTemplate'"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  private static String name(String text, TableRow row) throws Exception {
    return checked(text).nameFor(row, null);
  }

  private static String noName(String text, TableRow row, Map<String, String> attributes) {
    return assertThrows(NameTemplate.NoName.class, () -> checked(text).nameFor(row, attributes))
        .getMessage();
  }

  @Test
  void columnsGiveTheirValuesAsTheyAre() throws Exception {
    TableRow row =
        new TableRow()
            .set("Event_Type", "click")
            .set("shard", 7L)
            .set("live", true)
            .set("day", "2026-12-03");
    // Column names are matched as BigQuery matches them, whatever their case.
    assertEquals("events_click", name("events_{event_type}", row));
    assertEquals("s7_true", name("s{shard}_{live}", row));
    // A DATE as it is: its dashes are category Pd, allowed.
    assertEquals("daily_2026-12-03", name("daily_{day}", row));
    assertEquals("click", name("{ Event_Type }", row));
  }

  @Test
  void timePatternsFormatDatesDatetimesAndTimestampsInUtc() throws Exception {
    TableRow row =
        new TableRow()
            .set("day", "2026-12-03")
            .set("at", "2026-12-03T23:59:59.999999")
            .set("ts", "2026-12-31T23:30:00.000000Z");
    assertEquals("d_20261203", name("d_{day:yyyyMMdd}", row));
    assertEquals("h_2026120323", name("h_{at:yyyyMMddHH}", row));
    assertEquals("requests_20261231", name("requests_{ts:yyyyMMdd}", row));
    assertEquals("m_2026_12", name("m_{ts:yyyy_MM}", row));
    // Before 1970 the micros are negative: floor division keeps the day.
    assertEquals(
        "old_19691231",
        name("old_{ts:yyyyMMdd}", new TableRow().set("ts", "1969-12-31T23:59:59.500000Z")));
  }

  @Test
  void unicodeValuesBigQueryAllowsGiveNames() throws Exception {
    // Letters of any script (L), a combining mark (M), a space (Zs), a dash (Pd).
    assertEquals(
        "t_日本 café-x", name("t_{event_type}", new TableRow().set("Event_Type", "日本 café-x")));
    assertEquals("t_e\u0301", name("t_{event_type}", new TableRow().set("Event_Type", "e\u0301")));
  }

  @Test
  void aRowWhoseNameCannotBeFormedSaysWhy() {
    assertTrue(
        noName("events_{event_type}", new TableRow(), null).contains("column Event_Type is null"));
    assertTrue(
        noName("events_{event_type}", new TableRow().set("Event_Type", "a/b"), null)
            .contains("'/' (U+002F)"));
    assertTrue(
        noName("events_{event_type}", new TableRow().set("Event_Type", "a.b"), null)
            .contains("'.' (U+002E)"));
    // An emoji is a symbol (So), not a letter.
    assertTrue(
        noName("events_{event_type}", new TableRow().set("Event_Type", "\uD83D\uDE00"), null)
            .contains("U+1F600"));
    assertTrue(
        noName("{event_type}", new TableRow().set("Event_Type", ""), null).contains("is empty"));
    // 1,024 bytes at most: 342 three-byte characters are 1,026.
    String tooLong = "日".repeat(342);
    assertTrue(
        noName("{event_type}", new TableRow().set("Event_Type", tooLong), null)
            .contains("1026 UTF-8 bytes"));
    assertEquals(
        "日".repeat(341),
        assertDoesNotThrow("{event_type}", new TableRow().set("Event_Type", "日".repeat(341))));
  }

  private static String assertDoesNotThrow(String text, TableRow row) {
    try {
      return name(text, row);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void attributesComeFromTheMessage() throws Exception {
    NameTemplate template = checked("events_{attribute:source}");
    assertTrue(template.readsAttributes());
    assertEquals("events_web", template.nameFor(new TableRow(), Map.of("source", "web")));
    assertTrue(
        noName("events_{attribute:source}", new TableRow(), Map.of())
            .contains("no attribute 'source'"));
    assertTrue(noName("events_{attribute:source}", new TableRow(), null).contains("no attribute"));
    assertFalse(checked("events_{event_type}").readsAttributes());
  }

  @Test
  void whatNoRowCanMendIsRefusedAtLaunch() {
    assertTrue(refusal("events_{kind}").contains("{kind} names no top-level column"));
    assertTrue(refusal("events_{who.name}").contains("top-level columns only"));
    assertTrue(refusal("events_{tags}").contains("REPEATED"));
    assertTrue(refusal("events_{price}").contains("FLOAT"));
    assertTrue(refusal("events_{who}").contains("RECORD"));
    assertTrue(refusal("events_{ts}").contains("without a pattern; give one, e.g. {ts:yyyyMMdd}"));
    assertTrue(refusal("events_{event_type:yyyy}").contains("patterns are for DATE"));
    // A pattern whose output BigQuery refuses in every name: '/' and '.'
    assertTrue(refusal("events_{ts:yyyy/MM/dd}").contains("'2026/11/30'"));
    assertTrue(refusal("events_{ts:yyyy.MM}").contains("'.'"));
    // A DATE has no hour.
    assertTrue(refusal("events_{day:yyyyMMddHH}").contains("asks of a DATE value"));
    assertTrue(refusal("events_{ts:yyyyMMddqqqqqq}").contains("Java cannot read"));
    // Literal text outside the placeholders.
    assertTrue(
        refusal("shop.events_{event_type}").contains("'.' (U+002E) outside its placeholders"));
    assertTrue(refusal("x".repeat(1025) + "{event_type}").contains("1025 UTF-8 bytes of literal"));
  }

  @Test
  void bracesMustPair() {
    assertThrows(InvalidParameterException.class, () -> NameTemplate.forTables("events_{a"));
    assertThrows(InvalidParameterException.class, () -> NameTemplate.forTables("events_a}"));
    assertThrows(InvalidParameterException.class, () -> NameTemplate.forTables("e_{a{b}}"));
    assertThrows(InvalidParameterException.class, () -> NameTemplate.forTables("e_{}"));
    assertThrows(InvalidParameterException.class, () -> NameTemplate.forTables("e_{attribute:}"));
  }

  @Test
  void datasetNamesAreHeldToTheDatasetRule() throws Exception {
    NameTemplate datasets = NameTemplate.forDatasets("tenant_{event_type}").check(SCHEMA);
    assertEquals("outputDatasetTemplate", datasets.parameter());
    assertEquals(
        "tenant_acme_2", datasets.nameFor(new TableRow().set("Event_Type", "acme_2"), null));
    // A table name may have these; a dataset name may not.
    for (String value : List.of("acme-2", "acme 2", "acmé")) {
      String why =
          assertThrows(
                  NameTemplate.NoName.class,
                  () -> datasets.nameFor(new TableRow().set("Event_Type", value), null))
              .getMessage();
      assertTrue(
          why.startsWith(
              "dataset name 'tenant_" + value + "' (from template tenant_{event_type}) has "),
          why);
      assertTrue(
          why.endsWith(
              ", which BigQuery refuses in a dataset name"
                  + " (https://cloud.google.com/bigquery/docs/datasets#dataset-naming)"),
          why);
      assertEquals("t_" + value, name("t_{event_type}", new TableRow().set("Event_Type", value)));
    }
  }

  @Test
  void datasetTemplatesThatCanNeverGiveADatasetNameAreRefusedAtLaunch() {
    InvalidParameterException literal =
        assertThrows(
            InvalidParameterException.class,
            () -> NameTemplate.forDatasets("tenant-{event_type}").check(SCHEMA));
    assertEquals(
        "parameter 'outputDatasetTemplate': 'tenant-{event_type}' has '-' (U+002D) outside its"
            + " placeholders, so no dataset name it forms is one BigQuery accepts (ASCII letters,"
            + " digits and '_'; https://cloud.google.com/bigquery/docs/datasets#dataset-naming)",
        literal.getMessage());
    InvalidParameterException pattern =
        assertThrows(
            InvalidParameterException.class,
            () -> NameTemplate.forDatasets("d_{day:yyyy-MM}").check(SCHEMA));
    assertTrue(
        pattern.getMessage().endsWith("which BigQuery refuses in a dataset name; e.g. yyyyMMdd"),
        pattern.getMessage());
  }

  /**
   * A partition decorator formed from a time column, in BigQuery's decorator forms (yyyy, yyyyMM,
   * yyyyMMdd, yyyyMMddHH: https://cloud.google.com/bigquery/docs/managing-partitioned-table-data).
   * A column partition holds 1960-01-01 to 2159-12-31, values outside it are in __UNPARTITIONED__
   * (https://cloud.google.com/bigquery/docs/partitioned-tables), which no date decorator names.
   */
  @Test
  void aPartitionDecoratorNamesEachRowsPartitionFromItsTimeColumn() throws Exception {
    TableRow row =
        new TableRow()
            .set("Event_Type", "click")
            .set("day", "2026-12-03")
            .set("ts", "2026-12-31T23:30:00.000000Z");
    assertEquals("requests$20261231", name("requests${ts:yyyyMMdd}", row));
    assertEquals("events_click$2026123123", name("events_{event_type}${ts:yyyyMMddHH}", row));
    assertEquals("m$202612", name("m${ day : yyyyMM }", row));
    assertEquals("y$2026", name("y${day:yyyy}", row));
    NameTemplate hourly = checked("events_{event_type}${TS:yyyyMMddHH}");
    assertEquals("ts", hourly.decoratorColumn());
    assertEquals("HOUR", hourly.decoratorType());
    assertEquals(null, checked("events_{event_type}").decoratorColumn());
    // The name part is held to the table rule; the decorator is not part of the name.
    assertTrue(
        noName("events_{event_type}${ts:yyyyMMdd}", row.clone().set("Event_Type", "a.b"), null)
            .contains("'events_a.b'"));
    assertTrue(
        noName("events${ts:yyyyMMdd}", new TableRow(), null).startsWith("column ts is null"));
    String before =
        noName(
            "events${ts:yyyyMMdd}", new TableRow().set("ts", "1959-12-31T23:59:59.000000Z"), null);
    assertTrue(
        before.startsWith("column ts is 1959-12-31T23:59:59.000000Z, outside the range"), before);
    assertTrue(before.endsWith("partition __UNPARTITIONED__"), before);
    assertTrue(
        noName("events${day:yyyyMMdd}", new TableRow().set("day", "2160-01-01"), null)
            .contains("outside the range"));
    assertEquals(
        "events$19600101",
        name("events${ts:yyyyMMdd}", new TableRow().set("ts", "1960-01-01T00:00:00.000000Z")));
  }

  @Test
  void aDecoratorThatIsNotOneTimePlaceholderOfADecoratorFormIsRefusedAtLaunch() {
    String notAForm = "that is not one time placeholder with a decorator's pattern";
    assertTrue(refusal("events${ts:yyyy-MM-dd}").contains(notAForm));
    assertTrue(refusal("events$20240101").contains(notAForm));
    assertTrue(refusal("events${ts:yyyyMMdd}_x").contains(notAForm));
    assertTrue(refusal("events${event_type}").contains(notAForm));
    assertTrue(refusal("${ts:yyyyMMdd}").contains("has nothing before its '$'"));
    assertTrue(refusal("events${price:yyyyMMdd}").contains("gives a pattern for FLOAT column"));
    assertTrue(refusal("events${day:yyyyMMddHH}").contains("asks of a DATE value"));
    assertTrue(refusal("events${nothing:yyyyMMdd}").contains("{nothing} names no top-level"));
  }

  /** The name a template unchecked by any schema forms from a record's own JSON. */
  private static String recordName(String text, String json) throws Exception {
    NameTemplate template = NameTemplate.forTables(text).check(null);
    Map<String, Object> values = new HashMap<>();
    template.putRecordValues(new ObjectMapper().readTree(json), values);
    return template.nameFor(values, null);
  }

  private static String recordNoName(String text, String json) {
    return assertThrows(NameTemplate.NoName.class, () -> recordName(text, json)).getMessage();
  }

  /**
   * Without a schema the placeholders read the record's own fields; time texts are BigQuery's forms
   * (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types), a TIMESTAMP with an
   * offset read at UTC.
   */
  @Test
  void withoutASchemaPlaceholdersReadTheRecordsOwnFields() throws Exception {
    assertEquals("e_click", recordName("e_{kind}", "{\"kind\": \"click\"}"));
    assertEquals("e_click", recordName("e_{kind}", "{\"KIND\": \"click\"}"));
    assertEquals("s7_true", recordName("s{n}_{b}", "{\"n\": 7, \"b\": true}"));
    assertEquals(
        "d_20261201", recordName("d_{ts:yyyyMMdd}", "{\"ts\": \"2026-12-02T00:30:00+01:00\"}"));
    assertEquals("d_20261202", recordName("d_{ts:yyyyMMdd}", "{\"ts\": \"2026-12-02\"}"));
    assertEquals(
        "d_2026120208", recordName("d_{ts:yyyyMMddHH}", "{\"ts\": \"2026-12-02 08:15:00\"}"));
    assertTrue(
        recordNoName("e_{kind}", "{\"kind\": {\"a\": 1}}").startsWith("field kind is an object"));
    assertTrue(recordNoName("e_{kind}", "{\"kind\": [1]}").startsWith("field kind is an array"));
    assertTrue(recordNoName("e_{kind}", "{\"kind\": null}").startsWith("column kind is null"));
    assertTrue(
        recordNoName("d_{ts:yyyyMMdd}", "{\"ts\": 1764633600}")
            .contains("which is no DATE, DATETIME or TIMESTAMP text"));
    assertTrue(
        recordNoName("d_{ts:yyyyMMddHH}", "{\"ts\": \"2026-12-02\"}").contains("cannot format"));
    // What needs no schema is still checked at launch.
    assertThrows(
        InvalidParameterException.class, () -> NameTemplate.forTables("e.{kind}").check(null));
    assertThrows(
        InvalidParameterException.class,
        () -> NameTemplate.forTables("d_{ts:yyyy/MM}").check(null));
  }
}
