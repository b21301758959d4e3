package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The size of a row's record in BigQueryIO's temporary Avro files ({@link
 * BigQueryAvroSchemas#forLoadFiles}, written by {@link TableRowToAvro}): measured by encoding it
 * into a byte counter, or bounded from above without encoding, by walking the row along the schema
 * or from the size of the record it was converted from.
 */
final class AvroRowSize {
  /**
   * Avro bytes a value of one payload character may take: a union index, a length and a 16-byte
   * decimal (a NUMERIC from "1" is 10^9 unscaled); a character of text, at most 3 bytes of UTF-8.
   */
  private static final long BYTES_PER_PAYLOAD_CHAR = 24;

  private final Schema schema;
  private final AvroRecordPlan plan;
  private final GenericDatumWriter<GenericRecord> writer;

  /** Payload characters to Avro bytes, at most; see {@link #cannotExceed}. */
  private final long expansion;

  /** Avro bytes of values with no payload character of their own: absent and empty ones. */
  private final long slack;

  private AvroRowSize(TableSchema table) {
    this.schema = BigQueryAvroSchemas.forLoadFiles(table);
    this.plan = AvroRecordPlan.compile(schema);
    this.writer = new GenericDatumWriter<>(schema);
    this.expansion = Math.max(BYTES_PER_PAYLOAD_CHAR, widestRepeatedRecord(table.getFields()));
    this.slack = BYTES_PER_PAYLOAD_CHAR * fieldCount(table.getFields());
  }

  static AvroRowSize forLoadFiles(TableSchema table) {
    return new AvroRowSize(table);
  }

  /**
   * Whether a row converted from a record of at most {@code payloadChars} characters (bytes) cannot
   * take more than {@code limitBytes} of Avro, so need not be walked. A value takes at least one
   * payload character, or is absent or empty: one byte per field of the schema ({@link #slack}),
   * except the fields of the elements of a REPEATED RECORD, whose number the payload bounds (an
   * element is at least {@code {}}): each such field costs a byte per two payload characters, so
   * the expansion is at least the widest such record's field count.
   */
  boolean cannotExceed(long payloadChars, long limitBytes) {
    return payloadChars <= (limitBytes - slack) / expansion;
  }

  /**
   * At least {@link #encodedSize}, found by walking the row along the schema: a varint at most 10
   * bytes, a character at most 3 bytes of UTF-8, a decimal at most 16 bytes. A JSON column's tree,
   * or a value of a shape our converters do not make, makes the bound unknown: {@link
   * Long#MAX_VALUE}, so it is measured.
   */
  long upperBound(TableRow row) {
    return recordBound(schema, row.getUnknownKeys());
  }

  /** The bytes of the row's record in the file, as BigQueryIO's Avro writer appends it. */
  long encodedSize(TableRow row) {
    ByteCounter counter = new ByteCounter();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(counter, null);
    try {
      writer.write(plan.toRecord(row), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counter.count();
  }

  private static long recordBound(Schema record, Map<?, ?> values) {
    long bound = 0;
    for (Schema.Field field : record.getFields()) {
      bound = saturatedAdd(bound, fieldBound(field.schema(), values.get(field.name())));
    }
    return bound;
  }

  private static long fieldBound(Schema schema, Object value) {
    switch (schema.getType()) {
      case UNION:
        // The branch index, then the value.
        return value == null ? 1 : saturatedAdd(1, valueBound(schema.getTypes().get(1), value));
      case ARRAY:
        if (!(value instanceof List<?> list)) {
          return value == null ? 1 : Long.MAX_VALUE;
        }
        // One block: its count, the elements, the closing zero count.
        long bound = 11;
        for (Object element : list) {
          bound = saturatedAdd(bound, valueBound(schema.getElementType(), element));
        }
        return bound;
      default:
        return valueBound(schema, value);
    }
  }

  private static long valueBound(Schema schema, Object value) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      // A length, then the two's-complement unscaled value: under 0.42 bytes per digit, and a sign.
      return 5 + decimal.getPrecision() / 2 + 1;
    }
    if (logical instanceof LogicalTypes.Date) {
      return 5;
    }
    switch (schema.getType()) {
      case LONG:
        return 10;
      case DOUBLE:
        return 8;
      case BOOLEAN:
        return 1;
      case STRING:
        return value instanceof CharSequence text ? 5 + 3L * text.length() : Long.MAX_VALUE;
      case BYTES:
        if (value instanceof byte[] raw) {
          return 5L + raw.length;
        }
        return value instanceof CharSequence base64
            ? 5 + 3L * (base64.length() / 4 + 1)
            : Long.MAX_VALUE;
      case RECORD:
        return value instanceof Map<?, ?> map ? recordBound(schema, unknownKeysOf(map)) : 1;
      default:
        return Long.MAX_VALUE;
    }
  }

  /** A nested TableRow keeps its values, as our converters set them, in its unknown keys. */
  private static Map<?, ?> unknownKeysOf(Map<?, ?> map) {
    return map instanceof TableRow nested ? nested.getUnknownKeys() : map;
  }

  /** Fields of the schema, nested ones included, each counted once. */
  private static long fieldCount(List<TableFieldSchema> fields) {
    long count = 0;
    for (TableFieldSchema field : fields) {
      count += 1 + (field.getFields() == null ? 0 : fieldCount(field.getFields()));
    }
    return count;
  }

  /** The most fields (nested ones included) one element of a REPEATED RECORD has. */
  private static long widestRepeatedRecord(List<TableFieldSchema> fields) {
    long widest = 0;
    for (TableFieldSchema field : fields) {
      if (field.getFields() == null) {
        continue;
      }
      if ("REPEATED"
          .equals(field.getMode() == null ? null : field.getMode().toUpperCase(Locale.ROOT))) {
        widest = Math.max(widest, fieldCount(field.getFields()));
      }
      widest = Math.max(widest, widestRepeatedRecord(field.getFields()));
    }
    return widest;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
