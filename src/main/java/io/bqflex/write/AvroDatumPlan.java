package io.bqflex.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;

/**
 * One Avro record schema compiled for {@link OutputRowDatumWriter}: each field's name and the
 * writer of its values, in the schema's order. The values are those {@link AvroValueEncoders} makes
 * for a GenericRecord, written straight to the encoder: no record is built, and no union branch or
 * logical-type conversion is looked up per value, as Avro's generic writer does.
 */
final class AvroDatumPlan {
  /** Writes one field's value, null included, in the field's Avro schema. */
  @FunctionalInterface
  private interface FieldWriter {
    void write(Object value, Encoder out) throws IOException;
  }

  private final Schema schema;
  private final String[] names;
  private final FieldWriter[] writers;

  private AvroDatumPlan(Schema schema) {
    this.schema = schema;
    List<Schema.Field> fields = schema.getFields();
    this.names = new String[fields.size()];
    this.writers = new FieldWriter[fields.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).name();
      writers[i] = forField(fields.get(i));
    }
  }

  static AvroDatumPlan compile(Schema recordSchema) {
    if (recordSchema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("not a record schema: " + recordSchema);
    }
    return new AvroDatumPlan(recordSchema);
  }

  /**
   * Writes {@code row} (a row of ours or a nested record of one, as for {@link AvroRecordPlan}).
   */
  void write(Object row, Encoder out) throws IOException {
    Map<String, Object> values = AvroRecordPlan.valuesOf(row);
    for (int i = 0; i < names.length; i++) {
      try {
        writers[i].write(values.get(names[i]), out);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "field '" + names[i] + "' of " + schema.getName() + ": " + e.getMessage(), e);
      }
    }
  }

  /** As {@link AvroValueEncoders#forField}: a nullable union, an array, or a required value. */
  private static FieldWriter forField(Schema.Field field) {
    Schema fieldSchema = field.schema();
    if (fieldSchema.getType() == Schema.Type.UNION) {
      // [null, T]: the branch index, then the value.
      FieldWriter value = forValue(AvroValueEncoders.nonNull(fieldSchema, field));
      return (v, out) -> {
        if (v == null) {
          out.writeIndex(0);
        } else {
          out.writeIndex(1);
          value.write(v, out);
        }
      };
    }
    if (fieldSchema.getType() == Schema.Type.ARRAY) {
      FieldWriter element = forValue(fieldSchema.getElementType());
      // Our converters leave an absent or null REPEATED field out of the row: an empty array.
      return (v, out) -> {
        List<?> values = v == null ? List.of() : (List<?>) v;
        out.writeArrayStart();
        out.setItemCount(values.size());
        for (Object each : values) {
          out.startItem();
          element.write(each, out);
        }
        out.writeArrayEnd();
      };
    }
    FieldWriter value = forValue(fieldSchema);
    return (v, out) -> {
      if (v == null) {
        throw new IllegalArgumentException("is REQUIRED but the row has no value");
      }
      value.write(v, out);
    };
  }

  /** The writer of one non-null value of {@code schema}. */
  private static FieldWriter forValue(Schema schema) {
    if (schema.getType() == Schema.Type.RECORD) {
      AvroDatumPlan nested = compile(schema);
      return nested::write;
    }
    AvroValueEncoder encoder = AvroValueEncoders.forValue(schema);
    switch (schema.getType()) {
      case INT:
        return (v, out) -> out.writeInt((Integer) encoder.encode(v));
      case LONG:
        return (v, out) -> out.writeLong((Long) encoder.encode(v));
      case DOUBLE:
        return (v, out) -> out.writeDouble((Double) encoder.encode(v));
      case BOOLEAN:
        return (v, out) -> out.writeBoolean((Boolean) encoder.encode(v));
      case STRING:
        return (v, out) -> out.writeString((String) encoder.encode(v));
      case BYTES:
        return (v, out) -> out.writeBytes((ByteBuffer) encoder.encode(v));
      default:
        throw new IllegalArgumentException("no writer for the Avro type " + schema);
    }
  }
}
