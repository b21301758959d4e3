package io.bqflex.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.core.RowEnricher;
import io.bqflex.core.SourceRecord;
import io.bqflex.rows.BigQueryTimes;
import io.bqflex.rows.BigQueryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Columns filled from a Pub/Sub message's metadata rather than its payload: the message id, the
 * publish time and the attributes, each into a column the user names.
 *
 * <p>The columns belong to the template, not to the payload: the payload is converted against the
 * schema without them (a payload field of the same name is an unknown field), then they are set.
 * Attributes go into a {@code REPEATED RECORD} of {@code key, value} (the dead-letter table's
 * shape, easy to {@code UNNEST}) or into a {@code JSON} or {@code STRING} column as one JSON
 * object.
 */
public final class MessageMetadataColumns implements RowEnricher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String messageIdColumn;
  private final String publishTimeColumn;
  private final String attributesColumn;
  private final BigQueryType attributesType;

  private MessageMetadataColumns(
      String messageIdColumn,
      String publishTimeColumn,
      String attributesColumn,
      BigQueryType attributesType) {
    this.messageIdColumn = messageIdColumn;
    this.publishTimeColumn = publishTimeColumn;
    this.attributesColumn = attributesColumn;
    this.attributesType = attributesType;
  }

  /**
   * The columns the parameters name, checked against {@code schema}: each must be a top-level
   * column of a type that can hold its value. Blank names are not used.
   *
   * @throws InvalidParameterException naming the parameter whose column does not fit
   */
  public static MessageMetadataColumns of(
      TableSchema schema,
      String messageIdColumn,
      String publishTimeColumn,
      String attributesColumn) {
    String messageId = column(schema, "messageIdColumn", messageIdColumn, BigQueryType.STRING);
    String publishTime =
        column(
            schema,
            "publishTimeColumn",
            publishTimeColumn,
            BigQueryType.TIMESTAMP,
            BigQueryType.STRING);
    String attributes =
        column(
            schema,
            "attributesColumn",
            attributesColumn,
            BigQueryType.RECORD,
            BigQueryType.JSON,
            BigQueryType.STRING);
    BigQueryType attributesType = null;
    if (attributes != null) {
      TableFieldSchema field = field(schema, attributes);
      attributesType = BigQueryType.fromName(field.getType());
      if (attributesType == BigQueryType.RECORD && !(isRepeated(field) && isKeyValueList(field))) {
        throw new InvalidParameterException(
            "attributesColumn",
            "column '"
                + attributes
                + "' is a RECORD, so it must be REPEATED with the STRING fields 'key' and 'value'"
                + " (or make it a JSON or STRING column)");
      }
    }
    return new MessageMetadataColumns(messageId, publishTime, attributes, attributesType);
  }

  /** {@code schema} without the metadata columns: what each payload is converted against. */
  public TableSchema payloadSchema(TableSchema schema) {
    List<TableFieldSchema> fields = new ArrayList<>();
    for (TableFieldSchema field : schema.getFields()) {
      if (!isMetadataColumn(field.getName())) {
        fields.add(field);
      }
    }
    return new TableSchema().setFields(fields);
  }

  @Override
  public void enrich(SourceRecord record, TableRow row) {
    // Into the unknown keys, as the converters do: TableRow.set refuses a column named f.
    if (messageIdColumn != null) {
      row.getUnknownKeys().put(messageIdColumn, record.messageId());
    }
    if (publishTimeColumn != null && record.publishTimeMillis() != null) {
      row.getUnknownKeys()
          .put(publishTimeColumn, BigQueryTimes.timestampOfMillis(record.publishTimeMillis()));
    }
    if (attributesColumn != null) {
      Map<String, String> attributes =
          record.attributes() == null ? Map.of() : new TreeMap<>(record.attributes());
      row.getUnknownKeys().put(attributesColumn, attributesValue(attributes));
    }
  }

  private boolean isMetadataColumn(String name) {
    return name.equalsIgnoreCase(Objects.toString(messageIdColumn, ""))
        || name.equalsIgnoreCase(Objects.toString(publishTimeColumn, ""))
        || name.equalsIgnoreCase(Objects.toString(attributesColumn, ""));
  }

  /**
   * A JSON column holds a Jackson tree, as the converters leave JSON values (the writer turns trees
   * into text where its path needs it); a STRING column holds the JSON text itself.
   */
  private Object attributesValue(Map<String, String> attributes) {
    switch (attributesType) {
      case RECORD:
        return keyValues(attributes);
      case JSON:
        return JSON.valueToTree(attributes);
      default:
        return json(attributes);
    }
  }

  private static List<TableRow> keyValues(Map<String, String> attributes) {
    List<TableRow> pairs = new ArrayList<>(attributes.size());
    attributes.forEach(
        (key, value) -> pairs.add(new TableRow().set("key", key).set("value", value)));
    return pairs;
  }

  private static String json(Map<String, String> attributes) {
    try {
      return JSON.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  /** The schema's spelling of {@code name}, after checking its type; null when none is given. */
  private static String column(
      TableSchema schema, String parameter, String name, BigQueryType... types) {
    if (name == null || name.isBlank()) {
      return null;
    }
    TableFieldSchema field = field(schema, name.trim());
    if (field == null) {
      throw new InvalidParameterException(
          parameter, "the output table's schema has no column '" + name.trim() + "'");
    }
    BigQueryType type = BigQueryType.fromName(field.getType());
    if (!List.of(types).contains(type)) {
      List<String> accepted = new ArrayList<>();
      for (BigQueryType t : types) {
        accepted.add(t.sqlName());
      }
      throw new InvalidParameterException(
          parameter,
          "column '"
              + field.getName()
              + "' is "
              + (type == null ? field.getType() : type.sqlName())
              + "; it must be "
              + String.join(" or ", accepted));
    }
    if (isRepeated(field) && type != BigQueryType.RECORD) {
      throw new InvalidParameterException(
          parameter, "column '" + field.getName() + "' must not be REPEATED");
    }
    return field.getName();
  }

  private static TableFieldSchema field(TableSchema schema, String name) {
    for (TableFieldSchema field : schema.getFields()) {
      if (field.getName().equalsIgnoreCase(name)) {
        return field;
      }
    }
    return null;
  }

  private static boolean isRepeated(TableFieldSchema field) {
    return "REPEATED".equalsIgnoreCase(field.getMode());
  }

  private static boolean isKeyValueList(TableFieldSchema field) {
    if (field.getFields() == null || field.getFields().size() != 2) {
      return false;
    }
    for (TableFieldSchema sub : field.getFields()) {
      String name = sub.getName().toLowerCase(Locale.ROOT);
      if (!(name.equals("key") || name.equals("value"))
          || BigQueryType.fromName(sub.getType()) != BigQueryType.STRING) {
        return false;
      }
    }
    return true;
  }
}
