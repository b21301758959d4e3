package io.bqflex.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet row as one JSON object, for the dead letter's payloadString: the file's field names and
 * stored values, with nothing of the table's conversion applied, so a reader sees what the file
 * held. A repeated field is an array, a group an object, an absent optional field null. Text (the
 * STRING, ENUM and JSON annotations) is a string; a DECIMAL the plain decimal as a string; other
 * bytes (and INT96) base64; numbers and booleans themselves (NaN and the infinities as strings);
 * dates, times and timestamps the integer the file stores.
 */
final class ParquetRowJson {
  private static final JsonFactory JSON = new JsonFactory();

  private ParquetRowJson() {}

  static String of(Group row) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      writeGroup(json, row);
    } catch (IOException e) {
      throw new UncheckedIOException("could not render a Parquet row as JSON", e);
    }
    return text.toString();
  }

  private static void writeGroup(JsonGenerator json, Group group) throws IOException {
    GroupType type = group.getType();
    json.writeStartObject();
    for (int field = 0; field < type.getFieldCount(); field++) {
      Type fieldType = type.getType(field);
      json.writeFieldName(fieldType.getName());
      int count = group.getFieldRepetitionCount(field);
      if (fieldType.isRepetition(Type.Repetition.REPEATED)) {
        json.writeStartArray();
        for (int i = 0; i < count; i++) {
          writeValue(json, group, field, i, fieldType);
        }
        json.writeEndArray();
      } else if (count == 0) {
        json.writeNull();
      } else {
        writeValue(json, group, field, 0, fieldType);
      }
    }
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, Group group, int field, int i, Type type)
      throws IOException {
    if (!type.isPrimitive()) {
      writeGroup(json, group.getGroup(field, i));
      return;
    }
    PrimitiveType primitive = type.asPrimitiveType();
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
      BigInteger unscaled =
          switch (primitive.getPrimitiveTypeName()) {
            case INT32 -> BigInteger.valueOf(group.getInteger(field, i));
            case INT64 -> BigInteger.valueOf(group.getLong(field, i));
            default -> new BigInteger(group.getBinary(field, i).getBytes());
          };
      json.writeString(new BigDecimal(unscaled, decimal.getScale()).toPlainString());
      return;
    }
    switch (primitive.getPrimitiveTypeName()) {
      case BOOLEAN -> json.writeBoolean(group.getBoolean(field, i));
      case INT32 -> json.writeNumber(group.getInteger(field, i));
      case INT64 -> json.writeNumber(group.getLong(field, i));
      case FLOAT -> writeFloat(json, group.getFloat(field, i));
      case DOUBLE -> writeDouble(json, group.getDouble(field, i));
      case INT96 -> json.writeString(base64(group.getInt96(field, i).getBytes()));
      case BINARY, FIXED_LEN_BYTE_ARRAY -> {
        if (isText(logical)) {
          json.writeString(group.getBinary(field, i).toStringUsingUTF8());
        } else {
          json.writeString(base64(group.getBinary(field, i).getBytes()));
        }
      }
    }
  }

  private static boolean isText(LogicalTypeAnnotation logical) {
    return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
  }

  private static void writeFloat(JsonGenerator json, float value) throws IOException {
    if (Float.isFinite(value)) {
      json.writeNumber(value);
    } else {
      json.writeString(Float.toString(value));
    }
  }

  private static void writeDouble(JsonGenerator json, double value) throws IOException {
    if (Double.isFinite(value)) {
      json.writeNumber(value);
    } else {
      json.writeString(Double.toString(value));
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
