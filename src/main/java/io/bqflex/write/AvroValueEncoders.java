package io.bqflex.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Chooses the {@link AvroValueEncoder} of each field once, when a schema's plan is compiled, so
 * that per value there is no lookup and no parsing beyond reading the canonical text.
 */
final class AvroValueEncoders {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AvroValueEncoders() {}

  /** The encoder of a whole field: its nullability or repetition, then its values. */
  static AvroValueEncoder forField(Schema.Field field) {
    Schema schema = field.schema();
    if (schema.getType() == Schema.Type.UNION) {
      AvroValueEncoder value = forValue(nonNull(schema, field));
      return v -> v == null ? null : value.encode(v);
    }
    if (schema.getType() == Schema.Type.ARRAY) {
      AvroValueEncoder element = forValue(schema.getElementType());
      // Our converters leave an absent or null REPEATED field out of the row: an empty array.
      return v -> v == null ? Collections.emptyList() : encodeAll((List<?>) v, element);
    }
    AvroValueEncoder value = forValue(schema);
    return v -> {
      if (v == null) {
        throw new IllegalArgumentException("is REQUIRED but the row has no value");
      }
      return value.encode(v);
    };
  }

  static Schema nonNull(Schema union, Schema.Field field) {
    List<Schema> types = union.getTypes();
    if (types.size() != 2 || types.get(0).getType() != Schema.Type.NULL) {
      throw new IllegalArgumentException(
          "field '" + field.name() + "' is a union other than [null, T]: " + union);
    }
    return types.get(1);
  }

  private static List<Object> encodeAll(List<?> values, AvroValueEncoder element) {
    List<Object> encoded = new ArrayList<>(values.size());
    for (Object value : values) {
      encoded.add(element.encode(value));
    }
    return encoded;
  }

  /** The encoder of one non-null value of {@code schema}. */
  static AvroValueEncoder forValue(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal) {
      int scale = ((LogicalTypes.Decimal) logical).getScale();
      return v -> decimal(v, scale);
    }
    if (logical instanceof LogicalTypes.Date) {
      return v -> CanonicalTimes.epochDay((String) v);
    }
    if (logical instanceof LogicalTypes.TimeMicros) {
      return v -> CanonicalTimes.microOfDay((String) v);
    }
    if (logical instanceof LogicalTypes.TimestampMicros) {
      return v -> CanonicalTimes.timestampMicros((String) v);
    }
    if (logical instanceof LogicalTypes.LocalTimestampMicros) {
      return BigQueryAvroSchemas.CIVIL_PACKED.equals(
              schema.getProp(BigQueryAvroSchemas.DATETIME_ENCODING))
          ? v -> CanonicalTimes.datetimePacked((String) v)
          : v -> CanonicalTimes.datetimeMicros((String) v);
    }
    if (logical != null) {
      throw new IllegalArgumentException("no encoder for the logical type " + logical.getName());
    }
    switch (schema.getType()) {
      case STRING:
        return "JSON".equals(schema.getProp("sqlType"))
            ? AvroValueEncoders::jsonText
            : v -> (String) v; // STRING and GEOGRAPHY: the text itself
      case BYTES:
        return AvroValueEncoders::bytes;
      case LONG:
        // INT64 is canonical decimal text; a Long is accepted as what it plainly means.
        return v -> v instanceof String ? Long.parseLong((String) v) : ((Number) v).longValue();
      case DOUBLE:
        // A Double; its text once a row has crossed a JSON coder (NaN and infinities are quoted).
        return v ->
            v instanceof String ? Double.parseDouble((String) v) : ((Number) v).doubleValue();
      case BOOLEAN:
        return v -> (Boolean) v;
      case RECORD:
        AvroRecordPlan nested = AvroRecordPlan.compile(schema);
        return nested::toRecord;
      default:
        throw new IllegalArgumentException("no encoder for the Avro type " + schema);
    }
  }

  /**
   * A JSON column's value as JSON text. Our converters put a JsonNode there, whose {@code toString}
   * is its JSON text (what Beam's TableRow path sends too). A row that crossed a coder holds the
   * tree decoded as a Map, List, String, number or boolean instead, whose {@code toString} is not
   * JSON (a String is a JSON string, to be quoted): Jackson writes it, as {@link JsonColumnsAsText}
   * does on the TableRow path. So do not give this function rows that already hold JSON text.
   */
  private static String jsonText(Object value) {
    if (value instanceof JsonNode) {
      return value.toString();
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("holds a value that is not JSON: " + value, e);
    }
  }

  private static ByteBuffer bytes(Object value) {
    byte[] raw =
        value instanceof byte[] ? (byte[]) value : Base64.getDecoder().decode((String) value);
    return ByteBuffer.wrap(raw);
  }

  /**
   * Avro's decimal: the two's-complement unscaled value at the schema's scale, big-endian. Our text
   * has at most that many decimals (the converters rounded to the column's scale), so the scale
   * only grows and nothing is rounded.
   */
  private static ByteBuffer decimal(Object value, int scale) {
    BigDecimal decimal =
        value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal((String) value);
    return ByteBuffer.wrap(
        decimal.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().toByteArray());
  }
}
