package io.bqflex.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.joda.JodaModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.api.services.bigquery.model.TableRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
    return counter.count + 1;
  }

  /** Counts what is written to it and keeps nothing. */
  private static final class ByteCounter extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }

    @Override
    public void close() {
      // ObjectMapper.writeValue closes its target; a counter has nothing to close.
    }
  }
}
