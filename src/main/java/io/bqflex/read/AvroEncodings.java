package io.bqflex.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * A failed Avro record as its dead letter keeps it. The bytes are Avro's single-object encoding
 * (marker {@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the record's schema, the binary
 * datum), so a reader that knows the schema finds it by the fingerprint and decodes the record
 * exactly; the text is Avro's JSON encoding of the record (unions as {@code {"type": value}}, bytes
 * as ISO-8859-1 strings), for a person.
 */
final class AvroEncodings {
  // One encoder per schema: a file has one, and building one computes the fingerprint.
  private final Map<Schema, BinaryMessageEncoder<GenericRecord>> encoders = new IdentityHashMap<>();

  byte[] singleObject(GenericRecord record) {
    BinaryMessageEncoder<GenericRecord> encoder =
        encoders.computeIfAbsent(
            record.getSchema(), schema -> new BinaryMessageEncoder<>(GenericData.get(), schema));
    try {
      ByteBuffer encoded = encoder.encode(record);
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode an Avro record read from its file", e);
    }
  }

  static String json(GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write an Avro record read from its file", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
