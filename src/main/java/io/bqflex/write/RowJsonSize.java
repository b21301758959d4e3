package io.bqflex.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.joda.JodaModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.api.services.bigquery.model.TableRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.util.RowJsonUtils;

/**
 * The size of a row's line in BigQueryIO's temporary JSON files, measured by streaming the row
 * through a byte counter. Beam's {@link TableRowJsonCoder}, which writes those lines, builds the
 * whole line as a String, then as UTF-8 bytes: three copies of a 20 MB row only to count them.
 */
final class RowJsonSize {
  /** Configured as {@link TableRowJsonCoder}'s own mapper, so the bytes are the same. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper(RowJsonUtils.createJsonFactory(RowJsonUtils.MAX_STRING_LENGTH))
          .registerModule(new JavaTimeModule())
          .registerModule(new JodaModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private RowJsonSize() {}

  /** The bytes of the row's line as BigQueryIO's TableRowWriter writes it, newline included. */
  static long lineBytes(TableRow row) {
    ByteCounter counter = new ByteCounter();
    try {
      MAPPER.writeValue(counter, row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counter.count() + 1;
  }

  /**
   * At least {@link #lineBytes}, found by walking the row without writing it: a character takes at
   * most 6 bytes in the line (a control character as {@code \\u0001}), a long, int, double, float
   * or boolean at most 24, and every key, value and list element a few bytes of punctuation. A
   * value of another kind (a JSON column's tree) makes the bound unknown: {@link Long#MAX_VALUE},
   * so it is measured.
   */
  static long upperBound(TableRow row) {
    return valueBound(row) + 1;
  }

  private static final long MAX_SCALAR_BYTES = 24;

  private static long valueBound(Object value) {
    if (value == null
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Integer
        || value instanceof Double
        || value instanceof Float) {
      return MAX_SCALAR_BYTES;
    }
    if (value instanceof CharSequence text) {
      return 2 + 6L * text.length();
    }
    if (value instanceof Map<?, ?> map) {
      long bound = 2;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        bound =
            saturatedAdd(
                bound, 4 + 6L * entry.getKey().toString().length() + valueBound(entry.getValue()));
      }
      return bound;
    }
    if (value instanceof List<?> list) {
      long bound = 2;
      for (Object element : list) {
        bound = saturatedAdd(bound, 1 + valueBound(element));
      }
      return bound;
    }
    return Long.MAX_VALUE;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
