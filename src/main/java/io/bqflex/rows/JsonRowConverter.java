package io.bqflex.rows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts one JSON object's text into a TableRow that fits a BigQuery schema, or says why it
 * cannot. It streams the text with Jackson's {@link JsonParser} against a plan compiled once from
 * the schema (no tree, no reflection per record); only JSON-typed fields are read as trees.
 *
 * <p>Serializable so that a DoFn can hold it: only the schema's JSON text is serialized, the plan
 * is compiled again on first use. Not thread-safe; use one instance per DoFn instance.
 */
public final class JsonRowConverter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String schemaJson;
  private final boolean ignoreUnknownValues;
  private transient RecordPlan plan;

  /**
   * @param ignoreUnknownValues drop fields the schema does not have, as BigQuery's load option of
   *     that name does; otherwise such a field is a {@link Stage#CONVERT} error naming it
   */
  public JsonRowConverter(TableSchema schema, boolean ignoreUnknownValues) {
    this.schemaJson = BigQuerySchemas.toJson(schema);
    this.ignoreUnknownValues = ignoreUnknownValues;
    // Normalizing through parse() checks the schema now, at construction, not on the workers.
    this.plan = RecordPlan.of(BigQuerySchemas.parse(schemaJson, "schema"));
  }

  /**
   * The row for one JSON object.
   *
   * @throws RecordException {@link Stage#PARSE} if the text is not exactly one JSON object, {@link
   *     Stage#CONVERT} if the object does not fit the schema
   */
  public TableRow convert(String jsonObjectText) throws RecordException {
    try (JsonParser parser = MAPPER.getFactory().createParser(jsonObjectText)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new RecordException(
            Stage.PARSE, "the record is " + describe(first) + ", not a JSON object");
      }
      TableRow row = readObject(parser, plan(), null);
      JsonToken after = parser.nextToken();
      if (after != null) {
        throw new RecordException(
            Stage.PARSE,
            "the record has more after its JSON object, at column "
                + parser.currentTokenLocation().getColumnNr());
      }
      return row;
    } catch (JsonParseException e) {
      throw new RecordException(
          Stage.PARSE,
          "the record is not valid JSON: "
              + e.getOriginalMessage()
              + " at column "
              + e.getLocation().getColumnNr());
    } catch (JsonProcessingException e) {
      throw new RecordException(
          Stage.PARSE, "the record is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      // Reading a String cannot fail with I/O; anything else here is a bug to see with its stack.
      throw new RecordException(Stage.PARSE, "could not read the record: " + e, e);
    }
  }

  private RecordPlan plan() {
    if (plan == null) {
      plan = RecordPlan.of(BigQuerySchemas.parse(schemaJson, "schema"));
    }
    return plan;
  }

  /** Reads the object whose START_OBJECT is the current token, up to its END_OBJECT. */
  private TableRow readObject(JsonParser parser, RecordPlan record, String prefix)
      throws IOException, RecordException {
    TableRow row = record.newRow();
    boolean[] seen = new boolean[record.fields.length];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken token = parser.nextToken();
      FieldPlan field = record.find(key);
      if (field == null) {
        if (ignoreUnknownValues) {
          parser.skipChildren();
          continue;
        }
        String path = prefix == null ? pathIn(record, key) : prefix + "." + key;
        throw new RecordException(
            Stage.CONVERT,
            "field '"
                + path
                + "' is not in the BigQuery schema; add it to the schema or ignore unknown"
                + " values");
      }
      if (seen[field.index]) {
        throw BigQueryValues.error(field, prefix, -1, "appears more than once in the object");
      }
      seen[field.index] = true;
      Object value = readField(parser, token, field, prefix);
      if (value != null) {
        field.putInto(row, value);
      }
    }
    for (int index : record.requiredIndexes) {
      if (!seen[index]) {
        throw BigQueryValues.error(record.fields[index], prefix, -1, "is REQUIRED but missing");
      }
    }
    return row;
  }

  /** A field's value; null for SQL NULL (and for an absent or null REPEATED field: empty). */
  private Object readField(JsonParser parser, JsonToken token, FieldPlan field, String prefix)
      throws IOException, RecordException {
    if (token == JsonToken.VALUE_NULL) {
      if (field.required) {
        throw BigQueryValues.error(field, prefix, -1, "is REQUIRED but null");
      }
      return null;
    }
    if (!field.repeated) {
      return readSingle(parser, token, field, prefix, -1);
    }
    if (token != JsonToken.START_ARRAY) {
      throw BigQueryValues.error(
          field, prefix, -1, "is REPEATED, so it needs a JSON array, not " + describe(token));
    }
    List<Object> values = new ArrayList<>();
    int element = 0;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      if (t == JsonToken.VALUE_NULL) {
        throw BigQueryValues.error(
            field, prefix, element, "null is not allowed in a REPEATED field");
      }
      values.add(readSingle(parser, t, field, prefix, element));
      element++;
    }
    return values;
  }

  private Object readSingle(
      JsonParser parser, JsonToken token, FieldPlan field, String prefix, int element)
      throws IOException, RecordException {
    if (field.type == BigQueryType.JSON) {
      // BigQuery loads a JSON column's raw JSON value: an object, array, number or string.
      return BigQueryValues.json(field, MAPPER.readTree(parser), prefix, element);
    }
    switch (token) {
      case START_OBJECT:
        if (field.type != BigQueryType.RECORD) {
          throw BigQueryValues.wrongJsonKind(field, prefix, element, "a JSON object");
        }
        String childPrefix =
            prefix == null && element < 0 ? null : field.displayPath(prefix, element);
        return readObject(parser, field.record, childPrefix);
      case START_ARRAY:
        throw BigQueryValues.wrongJsonKind(field, prefix, element, "a JSON array");
      case VALUE_STRING:
        if (field.type == BigQueryType.RECORD) {
          throw BigQueryValues.wrongJsonKind(field, prefix, element, "a string");
        }
        return BigQueryValues.fromText(field, parser.getText(), prefix, element);
      case VALUE_NUMBER_INT:
        return BigQueryValues.fromJsonNumber(field, parser.getText(), true, prefix, element);
      case VALUE_NUMBER_FLOAT:
        return BigQueryValues.fromJsonNumber(field, parser.getText(), false, prefix, element);
      case VALUE_TRUE:
        return BigQueryValues.fromJsonBoolean(field, true, prefix, element);
      case VALUE_FALSE:
        return BigQueryValues.fromJsonBoolean(field, false, prefix, element);
      default:
        throw BigQueryValues.wrongJsonKind(field, prefix, element, describe(token));
    }
  }

  /** The path of an unknown key: its record's path (taken from any sibling) plus the key. */
  private static String pathIn(RecordPlan record, String key) {
    FieldPlan sibling = record.fields[0];
    String parent = sibling.path.substring(0, sibling.path.length() - sibling.name.length());
    return parent + key;
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "empty";
    }
    switch (token) {
      case START_ARRAY:
        return "a JSON array";
      case START_OBJECT:
        return "a JSON object";
      case VALUE_STRING:
        return "a JSON string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a JSON number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a JSON boolean";
      case VALUE_NULL:
        return "JSON null";
      default:
        return token.asString() == null ? token.name() : token.asString();
    }
  }
}
