package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.core.SourceRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageMetadataColumnsTest {
  private static final SourceRecord MESSAGE =
      new SourceRecord(
          "{}",
          "projects/p/subscriptions/s",
          0,
          "m-42",
          Map.of("origin", "web", "app", "5.2"),
          1_764_581_730_387L);

  private static TableFieldSchema field(String name, String type, String mode) {
    return new TableFieldSchema().setName(name).setType(type).setMode(mode);
  }

  private static final TableSchema SCHEMA =
      new TableSchema()
          .setFields(
              List.of(
                  field("id", "STRING", "REQUIRED"),
                  field("Message_Id", "STRING", "NULLABLE"),
                  field("published", "TIMESTAMP", "NULLABLE"),
                  field("attrs", "RECORD", "REPEATED")
                      .setFields(
                          List.of(
                              field("key", "STRING", "NULLABLE"),
                              field("value", "STRING", "NULLABLE"))),
                  field("attrs_json", "JSON", "NULLABLE"),
                  field("n", "INT64", "NULLABLE"),
                  field("tags", "STRING", "REPEATED")));

  @Test
  void fillsAMetadataColumnNamedF() {
    // f is TableRow's own field (its cell list); as a column it must still hold the message id.
    TableSchema schema = new TableSchema().setFields(List.of(field("f", "STRING", "NULLABLE")));
    TableRow row = new TableRow();

    MessageMetadataColumns.of(schema, "f", null, null).enrich(MESSAGE, row);

    assertEquals("m-42", row.getUnknownKeys().get("f"));
  }

  @Test
  void fillsIdPublishTimeAndAttributesAsKeyValueRecordsSortedByKey() {
    MessageMetadataColumns columns =
        MessageMetadataColumns.of(SCHEMA, "message_id", "published", "attrs");
    TableRow row = new TableRow();

    columns.enrich(MESSAGE, row);

    assertEquals("m-42", row.get("Message_Id"));
    assertEquals("2025-12-01T09:35:30.387000Z", row.get("published"));
    assertEquals(
        List.of(
            new TableRow().set("key", "app").set("value", "5.2"),
            new TableRow().set("key", "origin").set("value", "web")),
        row.get("attrs"));
  }

  @Test
  void writesAttributesAsOneJsonObjectIntoJsonColumnAsTheConvertersLeaveJson() throws Exception {
    TableRow row = new TableRow();
    MessageMetadataColumns.of(SCHEMA, null, "", "attrs_json").enrich(MESSAGE, row);

    assertEquals(
        new ObjectMapper().readTree("{\"app\":\"5.2\",\"origin\":\"web\"}"), row.get("attrs_json"));
    assertEquals(1, row.size());
  }

  @Test
  void writesAttributesAsJsonTextIntoStringColumn() {
    TableSchema schema = new TableSchema().setFields(List.of(field("attrs", "STRING", null)));
    TableRow row = new TableRow();
    MessageMetadataColumns.of(schema, null, null, "attrs").enrich(MESSAGE, row);

    assertEquals("{\"app\":\"5.2\",\"origin\":\"web\"}", row.get("attrs"));
  }

  @Test
  void payloadSchemaLeavesOutTheMetadataColumns() {
    MessageMetadataColumns columns = MessageMetadataColumns.of(SCHEMA, "message_id", null, "attrs");

    List<String> names =
        columns.payloadSchema(SCHEMA).getFields().stream().map(TableFieldSchema::getName).toList();
    assertEquals(List.of("id", "published", "attrs_json", "n", "tags"), names);
  }

  @Test
  void refusesColumnTheSchemaLacksNamingTheParameter() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> MessageMetadataColumns.of(SCHEMA, "msg", null, null));
    assertEquals("messageIdColumn", e.parameter());
    assertTrue(e.getMessage().contains("no column 'msg'"), e.getMessage());
  }

  @Test
  void refusesColumnOfTheWrongType() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> MessageMetadataColumns.of(SCHEMA, null, "n", null));
    assertEquals("publishTimeColumn", e.parameter());
    assertTrue(e.getMessage().contains("is INT64; it must be TIMESTAMP or STRING"), e.getMessage());
  }

  @Test
  void refusesRepeatedScalarAndRecordThatIsNotKeyValue() {
    assertEquals(
        "messageIdColumn",
        assertThrows(
                InvalidParameterException.class,
                () -> MessageMetadataColumns.of(SCHEMA, "tags", null, null))
            .parameter());
    TableSchema other =
        new TableSchema()
            .setFields(
                List.of(
                    field("attrs", "RECORD", "REPEATED")
                        .setFields(List.of(field("name", "STRING", "NULLABLE")))));
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> MessageMetadataColumns.of(other, null, null, "attrs"));
    assertEquals("attributesColumn", e.parameter());
    assertTrue(e.getMessage().contains("'key' and 'value'"), e.getMessage());
  }
}
