package io.bqflex.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The coder of {@link OutputRow}: its row ({@link TableRowCoder}), then its record or origin, then
 * its table when it carries one.
 */
public final class OutputRowCoder extends AtomicCoder<OutputRow> {
  private static final OutputRowCoder INSTANCE = new OutputRowCoder();
  private static final NullableCoder<SourceRecord> RECORD =
      NullableCoder.of(SourceRecordCoder.of());

  public static OutputRowCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find the coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(OutputRow.class), INSTANCE);
  }

  @Override
  public void encode(OutputRow value, OutputStream out) throws IOException {
    TableRowCoder.of().encode(value.row(), out);
    RECORD.encode(value.record(), out);
    if (value.record() == null) {
      RecordCoders.STRING.encode(value.source(), out);
      RecordCoders.LONG.encode(value.recordNumber(), out);
    }
    RecordCoders.STRING.encode(value.table(), out);
  }

  @Override
  public OutputRow decode(InputStream in) throws IOException {
    com.google.api.services.bigquery.model.TableRow row = TableRowCoder.of().decode(in);
    SourceRecord record = RECORD.decode(in);
    OutputRow decoded =
        record != null
            ? OutputRow.of(row, record)
            : OutputRow.fromTypedFile(
                row, RecordCoders.STRING.decode(in), RecordCoders.LONG.decode(in));
    String table = RecordCoders.STRING.decode(in);
    return table == null ? decoded : decoded.toTable(table);
  }
}
