package io.bqflex.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.PayloadFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * Turns the values of JSON columns into JSON text before a Storage Write API write.
 *
 * <p>The converters put a Jackson tree in a JSON column: FILE_LOADS writes it as raw JSON, which is
 * right. The Storage Write API path sends the value's {@code toString()}, which is JSON text only
 * while the value is still a tree; once the row has crossed a coder (any step boundary the runner
 * does not fuse) the tree is a Map, List or String and its {@code toString()} is not JSON.
 * Serializing whatever is there with Jackson gives the right text in both cases.
 */
final class JsonColumnsAsText implements SerializableFunction<TableRow, TableRow> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String schemaJson;
  private transient List<TableFieldSchema> fields;

  private JsonColumnsAsText(String schemaJson) {
    this.schemaJson = schemaJson;
  }

  /** The function for {@code schemaJson}, or null when the schema has no JSON column. */
  static JsonColumnsAsText forSchema(String schemaJson) {
    TableSchema schema = BigQuerySchemas.parse(schemaJson, "output schema");
    return hasJson(schema.getFields()) ? new JsonColumnsAsText(schemaJson) : null;
  }

  /**
   * {@code formats} with JSON columns as text in the rows each format makes: for rows converted
   * against a schema only the conversion knows (each routed table's own).
   */
  static SerializableFunction<TableSchema, PayloadFormat> around(
      SerializableFunction<TableSchema, PayloadFormat> formats) {
    return schema -> {
      PayloadFormat format = formats.apply(schema);
      JsonColumnsAsText asText = forSchema(BigQuerySchemas.toJson(schema));
      return asText == null ? format : new TextJsonFormat(format, asText);
    };
  }

  /** A format whose rows have their JSON columns as text. */
  private record TextJsonFormat(PayloadFormat format, JsonColumnsAsText asText)
      implements PayloadFormat {
    @Override
    public TableRow toRow(String payload) throws RecordException {
      return asText.apply(format.toRow(payload));
    }

    @Override
    public String toJson(String payload) throws RecordException {
      return format.toJson(payload);
    }

    @Override
    public TableRow jsonToRow(String json) throws RecordException {
      return asText.apply(format.jsonToRow(json));
    }
  }

  @Override
  public TableRow apply(TableRow row) {
    if (fields == null) {
      fields = BigQuerySchemas.parse(schemaJson, "output schema").getFields();
    }
    TableRow copy = new TableRow();
    // Not putAll: TableRow.put refuses a column named f (TableRow's own cell list).
    copy.getUnknownKeys().putAll(convert(row, fields));
    return copy;
  }

  /** A copy of {@code record} (the input element must not be changed) with JSON columns as text. */
  private static Map<String, Object> convert(
      Map<String, Object> record, List<TableFieldSchema> fields) {
    Map<String, Object> out = new LinkedHashMap<>(record);
    for (TableFieldSchema field : fields) {
      Object value = out.get(field.getName());
      if (value == null
          || !(isJson(field) || field.getFields() != null && hasJson(field.getFields()))) {
        continue;
      }
      if ("REPEATED".equals(field.getMode()) && value instanceof List) {
        List<Object> items = new ArrayList<>();
        for (Object item : (List<?>) value) {
          items.add(convertValue(item, field));
        }
        out.put(field.getName(), items);
      } else {
        out.put(field.getName(), convertValue(value, field));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object convertValue(Object value, TableFieldSchema field) {
    if (isJson(field)) {
      try {
        return JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("JSON column " + field.getName() + " holds " + value, e);
      }
    }
    return value instanceof Map ? convert((Map<String, Object>) value, field.getFields()) : value;
  }

  private static boolean isJson(TableFieldSchema field) {
    return "JSON".equals(field.getType());
  }

  private static boolean hasJson(List<TableFieldSchema> fields) {
    for (TableFieldSchema field : fields) {
      if (isJson(field) || field.getFields() != null && hasJson(field.getFields())) {
        return true;
      }
    }
    return false;
  }
}
