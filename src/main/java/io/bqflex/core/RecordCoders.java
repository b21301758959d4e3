package io.bqflex.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The field coders that {@link SourceRecordCoder}, {@link FailedRecordCoder} and {@link
 * OutputRowCoder} are made of.
 */
final class RecordCoders {
  static final Coder<String> STRING = NullableCoder.of(StringUtf8Coder.of());
  static final Coder<Long> LONG = VarLongCoder.of();
  static final Coder<Long> NULLABLE_LONG = NullableCoder.of(VarLongCoder.of());
  static final Coder<byte[]> BYTES = NullableCoder.of(ByteArrayCoder.of());
  static final Coder<Map<String, String>> ATTRIBUTES =
      NullableCoder.of(MapCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

  private RecordCoders() {}

  static void writeString(String value, OutputStream out) throws IOException {
    STRING.encode(value, out);
  }

  static String readString(InputStream in) throws IOException {
    return STRING.decode(in);
  }
}
