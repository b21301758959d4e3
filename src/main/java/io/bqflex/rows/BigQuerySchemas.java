package io.bqflex.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.ClassInfo;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes BigQuery schema files in the four shapes users have: {@code {"fields":[...]}}
 * (the REST API's TableSchema), {@code {"BigQuery Schema":[...]}} (Google's GCS-to-BigQuery
 * templates), the bare array {@code bq show --schema} prints and the table resource {@code bq show
 * --format=prettyjson} prints (schema under {@code schema.fields}).
 *
 * <p>Every key of the client's {@link TableFieldSchema} model is read and written back, so a table
 * BigQueryIO creates (either write method) gets all of them. A key the model does not have is
 * refused, since it would otherwise be dropped without a word. Per key, beyond being carried:
 *
 * <ul>
 *   <li>{@code maxLength}, {@code precision}, {@code scale}, {@code roundingMode}: enforced per
 *       record by the converters (a dead letter names the limit; digits past the scale rounded as
 *       {@code roundingMode} says).
 *   <li>{@code rangeElementType}: the element type RANGE values are read as (FILE_LOADS only; the
 *       Storage Write API is refused at launch for RANGE, and for INTERVAL).
 *   <li>{@code timestampPrecision}: 6 or 12; values are kept to microseconds either way, and a
 *       value with more digits is a dead letter rather than silently cut.
 *   <li>{@code defaultValueExpression}: not applied by bqflex; BigQuery applies it (on the Storage
 *       Write API only when BigQueryIO's default-value interpretation is set, which bqflex does not
 *       set).
 *   <li>{@code policyTags}, {@code dataPolicies}, {@code categories}, {@code collation}, {@code
 *       description}, {@code foreignTypeDefinition}: metadata of the table, no effect on values.
 * </ul>
 *
 * <p>Every schema that comes out has each type in one spelling ({@link BigQueryType#schemaName()})
 * and every mode set, so code downstream never has to handle aliases or an absent mode. INT64 keys
 * ({@code maxLength}, {@code precision}, {@code scale}, {@code timestampPrecision}) are written as
 * JSON strings, as the REST API does: BigQueryIO parses the schema with the client's model, which
 * refuses them as JSON numbers.
 */
public final class BigQuerySchemas {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonFactory JSON = MAPPER.getFactory();
  private static final com.google.api.client.json.JsonFactory MODEL_JSON =
      GsonFactory.getDefaultInstance();
  private static final String TEMPLATES_KEY = "BigQuery Schema";

  /** Every key of the client's field model. */
  private static final Set<String> MODEL_KEYS =
      new TreeSet<>(ClassInfo.of(TableFieldSchema.class).getNames());

  /** Keys read here by hand (normalized or checked); the others go through the client's model. */
  private static final Set<String> OWN_KEYS =
      Set.of(
          "name",
          "type",
          "mode",
          "fields",
          "maxLength",
          "precision",
          "scale",
          "timestampPrecision");

  /** BigQuery nests RECORDs at most 15 levels deep (nested and repeated columns page). */
  static final int MAX_RECORD_DEPTH = 15;

  private static final Set<String> ROUNDING_MODES =
      Set.of("ROUNDING_MODE_UNSPECIFIED", "ROUND_HALF_AWAY_FROM_ZERO", "ROUND_HALF_EVEN");

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
    return new TableSchema().setFields(parseFields(fields, "", 0, origin));
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
    } else if (root.isObject() && root.path("schema").has("fields")) {
      // The table resource `bq show --format=prettyjson` prints.
      fields = root.get("schema").get("fields");
    } else {
      throw invalid(
          origin,
          "is not a BigQuery schema; expected {\"fields\": [...]}, {\"BigQuery Schema\": [...]},"
              + " the bare array `bq show --schema` prints or the table `bq show"
              + " --format=prettyjson` prints");
    }
    if (!fields.isArray()) {
      throw invalid(origin, "the list of fields must be a JSON array");
    }
    return fields;
  }

  /** {@code depth}: how many RECORDs enclose these fields. */
  private static List<TableFieldSchema> parseFields(
      JsonNode fields, String parent, int depth, String origin) {
    List<TableFieldSchema> result = new ArrayList<>(fields.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      TableFieldSchema field = parseField(fields.get(i), parent, i, depth, origin);
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
      JsonNode node, String parent, int index, int depth, String origin) {
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
    String nameProblem = ColumnNames.problemWith(name);
    if (nameProblem != null) {
      throw invalid(origin, "field '" + path + "': the name " + nameProblem);
    }
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
              + " RANGE, INTERVAL, RECORD/STRUCT)");
    }
    TableFieldSchema field = modelKeys((ObjectNode) node, path, origin);
    field
        .setName(name)
        .setType(type.schemaName())
        .setMode(parseMode(node.get("mode"), path, origin));
    copyTypeParameters(node, field, type, path, origin);
    checkTypeOptions(field, type, path, origin);
    JsonNode subFields = node.get("fields");
    boolean hasSubFields = subFields != null && !subFields.isNull() && !subFields.isEmpty();
    if (type == BigQueryType.RECORD) {
      if (!hasSubFields || !subFields.isArray()) {
        throw invalid(origin, "field '" + path + "': a RECORD needs a non-empty 'fields' array");
      }
      if (depth + 1 > MAX_RECORD_DEPTH) {
        throw invalid(
            origin,
            "field '"
                + path
                + "': RECORD nested "
                + (depth + 1)
                + " levels deep; BigQuery allows at most "
                + MAX_RECORD_DEPTH);
      }
      field.setFields(parseFields(subFields, path, depth + 1, origin));
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

  /**
   * The keys of {@code node} that this class does not read itself, through the client's model (so
   * nested shapes such as {@code policyTags} and {@code rangeElementType} are checked as BigQuery's
   * API defines them). A key the model lacks is refused.
   */
  private static TableFieldSchema modelKeys(ObjectNode node, String path, String origin) {
    ObjectNode rest = node.deepCopy();
    rest.remove(OWN_KEYS);
    for (Iterator<Map.Entry<String, JsonNode>> it = rest.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!MODEL_KEYS.contains(entry.getKey())) {
        throw invalid(
            origin,
            "field '"
                + path
                + "': unknown key '"
                + entry.getKey()
                + "' (a BigQuery field has "
                + String.join(", ", MODEL_KEYS)
                + ")");
      }
      if (entry.getValue().isNull()) {
        it.remove();
      }
    }
    if (rest.isEmpty()) {
      return new TableFieldSchema();
    }
    try {
      return MODEL_JSON.fromString(rest.toString(), TableFieldSchema.class);
    } catch (IOException | IllegalArgumentException e) {
      throw invalid(
          origin, "field '" + path + "': " + rest + " does not fit BigQuery's field keys");
    }
  }

  /** The keys that only some types take, and the values BigQuery allows for them. */
  private static void checkTypeOptions(
      TableFieldSchema field, BigQueryType type, String path, String origin) {
    String roundingMode = field.getRoundingMode();
    if (roundingMode != null) {
      if (type != BigQueryType.NUMERIC && type != BigQueryType.BIGNUMERIC) {
        throw invalid(
            origin, "field '" + path + "': roundingMode applies only to NUMERIC and BIGNUMERIC");
      }
      if (!ROUNDING_MODES.contains(roundingMode)) {
        throw invalid(
            origin,
            "field '"
                + path
                + "': unknown roundingMode '"
                + roundingMode
                + "' (expected ROUND_HALF_AWAY_FROM_ZERO or ROUND_HALF_EVEN)");
      }
    }
    if (field.getCollation() != null && type != BigQueryType.STRING) {
      throw invalid(origin, "field '" + path + "': collation applies only to STRING");
    }
    Long timestampPrecision = field.getTimestampPrecision();
    if (timestampPrecision != null) {
      if (type != BigQueryType.TIMESTAMP) {
        throw invalid(origin, "field '" + path + "': timestampPrecision applies only to TIMESTAMP");
      }
      if (timestampPrecision != 6 && timestampPrecision != 12) {
        throw invalid(origin, "field '" + path + "': timestampPrecision must be 6 or 12");
      }
    }
    checkRangeElementType(field, type, path, origin);
  }

  private static void checkRangeElementType(
      TableFieldSchema field, BigQueryType type, String path, String origin) {
    TableFieldSchema.RangeElementType element = field.getRangeElementType();
    if (type != BigQueryType.RANGE) {
      if (element != null) {
        throw invalid(origin, "field '" + path + "': rangeElementType applies only to RANGE");
      }
      return;
    }
    BigQueryType elementType =
        element == null || element.getType() == null
            ? null
            : BigQueryType.fromName(element.getType());
    if (elementType != BigQueryType.DATE
        && elementType != BigQueryType.DATETIME
        && elementType != BigQueryType.TIMESTAMP) {
      throw invalid(
          origin,
          "field '"
              + path
              + "': a RANGE needs \"rangeElementType\": {\"type\": DATE, DATETIME or TIMESTAMP}");
    }
    element.setType(elementType.schemaName());
  }

  /** Parameterized types (STRING(L), NUMERIC(P, S)) narrow what a column accepts; keep them. */
  private static void copyTypeParameters(
      JsonNode node, TableFieldSchema field, BigQueryType type, String path, String origin) {
    field.setTimestampPrecision(optionalLong(node, "timestampPrecision", path, origin));
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
      writeModelKeys(gen, field);
      if (field.getFields() != null && !field.getFields().isEmpty()) {
        gen.writeFieldName("fields");
        writeFields(gen, field.getFields());
      }
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  /**
   * Every other key the field has, as the client's model writes it (INT64 values as JSON strings,
   * which is what BigQueryIO's parser of the schema expects).
   */
  private static void writeModelKeys(JsonGenerator gen, TableFieldSchema field) throws IOException {
    TableFieldSchema rest = field.clone().setName(null).setType(null).setMode(null).setFields(null);
    JsonNode keys = MAPPER.readTree(MODEL_JSON.toString(rest));
    for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> key = it.next();
      gen.writeFieldName(key.getKey());
      gen.writeTree(key.getValue());
    }
  }

  private static String pathOf(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  private static IllegalArgumentException invalid(String origin, String problem) {
    return new IllegalArgumentException(origin + ": " + problem);
  }
}
