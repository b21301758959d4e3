package io.bqflex.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes BigQuery schema files in the three shapes users have: {@code {"fields":[...]}}
 * (the REST API's TableSchema), {@code {"BigQuery Schema":[...]}} (Google's GCS-to-BigQuery
 * templates) and the bare array {@code bq show --schema} prints.
 *
 * <p>Every schema that comes out has each type in one spelling ({@link BigQueryType#schemaName()})
 * and every mode set, so code downstream never has to handle aliases or an absent mode.
 */
public final class BigQuerySchemas {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonFactory JSON = MAPPER.getFactory();
  private static final String TEMPLATES_KEY = "BigQuery Schema";

  private BigQuerySchemas() {}

  /**
   * Parses a schema file's text. {@code origin} (usually the file name) starts every error message,
   * so a user knows which file to fix.
   *
   * @throws IllegalArgumentException naming {@code origin}, the field path and the problem
   */
  public static TableSchema parse(String json, String origin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json == null ? "" : json);
    } catch (JsonProcessingException e) {
      throw invalid(
          origin,
          "is not valid JSON ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw invalid(origin, "is empty; expected a BigQuery schema");
    }
    JsonNode fields = topLevelFields(root, origin);
    if (fields.isEmpty()) {
      throw invalid(origin, "has no fields; a BigQuery table needs at least one column");
    }
    return new TableSchema().setFields(parseFields(fields, "", origin));
  }

  /** The schema as a {@code {"fields":[...]}} document, the shape the REST API uses. */
  public static String toJson(TableSchema schema) {
    return write(schema, true);
  }

  /** The schema as the bare array {@code bq show --schema} prints. */
  public static String toBqShowJson(TableSchema schema) {
    return write(schema, false);
  }

  private static JsonNode topLevelFields(JsonNode root, String origin) {
    JsonNode fields;
    if (root.isArray()) {
      fields = root;
    } else if (root.isObject() && root.has("fields")) {
      fields = root.get("fields");
    } else if (root.isObject() && root.has(TEMPLATES_KEY)) {
      fields = root.get(TEMPLATES_KEY);
    } else {
      throw invalid(
          origin,
          "is not a BigQuery schema; expected {\"fields\": [...]}, {\"BigQuery Schema\": [...]}"
              + " or the bare array `bq show --schema` prints");
    }
    if (!fields.isArray()) {
      throw invalid(origin, "the list of fields must be a JSON array");
    }
    return fields;
  }

  private static List<TableFieldSchema> parseFields(JsonNode fields, String parent, String origin) {
    List<TableFieldSchema> result = new ArrayList<>(fields.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      TableFieldSchema field = parseField(fields.get(i), parent, i, origin);
      // Column names are case-insensitive in BigQuery: "Id" and "id" are the same column.
      if (!seen.add(field.getName().toLowerCase(Locale.ROOT))) {
        throw invalid(
            origin,
            "field '"
                + pathOf(parent, field.getName())
                + "' is declared twice (BigQuery column names are case-insensitive)");
      }
      result.add(field);
    }
    return result;
  }

  private static TableFieldSchema parseField(
      JsonNode node, String parent, int index, String origin) {
    String where = parent.isEmpty() ? "top level" : "'" + parent + "'";
    if (!node.isObject()) {
      throw invalid(origin, "field #" + (index + 1) + " at " + where + " is not a JSON object");
    }
    JsonNode nameNode = node.get("name");
    if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
      throw invalid(origin, "field #" + (index + 1) + " at " + where + " has no 'name'");
    }
    String name = nameNode.asText();
    String path = pathOf(parent, name);
    JsonNode typeNode = node.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw invalid(origin, "field '" + path + "': missing 'type'");
    }
    BigQueryType type = BigQueryType.fromName(typeNode.asText());
    if (type == null) {
      throw invalid(
          origin,
          "field '"
              + path
              + "': unknown type '"
              + typeNode.asText()
              + "' (expected one of STRING, BYTES, INTEGER/INT64, FLOAT/FLOAT64, NUMERIC,"
              + " BIGNUMERIC, BOOLEAN/BOOL, TIMESTAMP, DATE, TIME, DATETIME, GEOGRAPHY, JSON,"
              + " RECORD/STRUCT)");
    }
    TableFieldSchema field =
        new TableFieldSchema()
            .setName(name)
            .setType(type.schemaName())
            .setMode(parseMode(node.get("mode"), path, origin));
    JsonNode description = node.get("description");
    if (description != null && description.isTextual()) {
      field.setDescription(description.asText());
    }
    copyTypeParameters(node, field, type, path, origin);
    JsonNode subFields = node.get("fields");
    boolean hasSubFields = subFields != null && !subFields.isNull() && !subFields.isEmpty();
    if (type == BigQueryType.RECORD) {
      if (!hasSubFields || !subFields.isArray()) {
        throw invalid(origin, "field '" + path + "': a RECORD needs a non-empty 'fields' array");
      }
      field.setFields(parseFields(subFields, path, origin));
    } else if (hasSubFields) {
      throw invalid(
          origin,
          "field '" + path + "' has 'fields' but is of type " + type.schemaName() + ", not RECORD");
    }
    return field;
  }

  private static String parseMode(JsonNode modeNode, String path, String origin) {
    if (modeNode == null || modeNode.isNull()) {
      return "NULLABLE";
    }
    String mode = modeNode.asText().trim().toUpperCase(Locale.ROOT);
    if (mode.equals("NULLABLE") || mode.equals("REQUIRED") || mode.equals("REPEATED")) {
      return mode;
    }
    throw invalid(
        origin,
        "field '"
            + path
            + "': unknown mode '"
            + modeNode.asText()
            + "' (expected NULLABLE, REQUIRED or REPEATED)");
  }

  /** Parameterized types (STRING(L), NUMERIC(P, S)) narrow what a column accepts; keep them. */
  private static void copyTypeParameters(
      JsonNode node, TableFieldSchema field, BigQueryType type, String path, String origin) {
    Long maxLength = optionalLong(node, "maxLength", path, origin);
    Long precision = optionalLong(node, "precision", path, origin);
    Long scale = optionalLong(node, "scale", path, origin);
    if (maxLength != null) {
      if (type != BigQueryType.STRING && type != BigQueryType.BYTES) {
        throw invalid(origin, "field '" + path + "': maxLength applies only to STRING and BYTES");
      }
      if (maxLength < 1) {
        throw invalid(origin, "field '" + path + "': maxLength must be at least 1");
      }
      field.setMaxLength(maxLength);
    }
    if (precision == null && scale == null) {
      return;
    }
    if (type != BigQueryType.NUMERIC && type != BigQueryType.BIGNUMERIC) {
      throw invalid(
          origin, "field '" + path + "': precision and scale apply only to NUMERIC and BIGNUMERIC");
    }
    if (precision == null) {
      throw invalid(origin, "field '" + path + "': a scale needs a precision too");
    }
    long s = scale == null ? 0 : scale;
    long maxScale = type == BigQueryType.NUMERIC ? DecimalLimits.NUMERIC_SCALE : 38;
    long maxIntegerDigits = type == BigQueryType.NUMERIC ? 29 : 38;
    if (s < 0 || s > maxScale || precision < Math.max(1, s) || precision - s > maxIntegerDigits) {
      throw invalid(
          origin,
          "field '"
              + path
              + "': precision "
              + precision
              + ", scale "
              + s
              + " is not valid for "
              + type.sqlName());
    }
    field.setPrecision(precision);
    field.setScale(s);
  }

  private static Long optionalLong(JsonNode node, String key, String path, String origin) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    // The REST API and `bq show` write int64 values as JSON strings.
    if (value.canConvertToLong() && value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isTextual()) {
      try {
        return Long.parseLong(value.asText().trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw invalid(origin, "field '" + path + "': '" + key + "' must be a whole number");
  }

  private static String write(TableSchema schema, boolean wrapped) {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      if (wrapped) {
        gen.useDefaultPrettyPrinter();
        gen.writeStartObject();
        gen.writeFieldName("fields");
      }
      writeFields(gen, schema.getFields());
      if (wrapped) {
        gen.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeFields(JsonGenerator gen, List<TableFieldSchema> fields)
      throws IOException {
    gen.writeStartArray();
    for (TableFieldSchema field : fields) {
      gen.writeStartObject();
      gen.writeStringField("name", field.getName());
      gen.writeStringField("type", field.getType());
      gen.writeStringField("mode", field.getMode() == null ? "NULLABLE" : field.getMode());
      if (field.getDescription() != null) {
        gen.writeStringField("description", field.getDescription());
      }
      if (field.getMaxLength() != null) {
        gen.writeNumberField("maxLength", field.getMaxLength());
      }
      if (field.getPrecision() != null) {
        gen.writeNumberField("precision", field.getPrecision());
      }
      if (field.getScale() != null) {
        gen.writeNumberField("scale", field.getScale());
      }
      if (field.getFields() != null && !field.getFields().isEmpty()) {
        gen.writeFieldName("fields");
        writeFields(gen, field.getFields());
      }
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  private static String pathOf(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  private static IllegalArgumentException invalid(String origin, String problem) {
    return new IllegalArgumentException(origin + ": " + problem);
  }
}
