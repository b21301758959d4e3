package io.bqflex.core;

import static io.bqflex.core.RecordCoders.readString;
import static io.bqflex.core.RecordCoders.writeString;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** A compact coder for {@link SourceRecord}: every record crosses it at least once. */
public final class SourceRecordCoder extends AtomicCoder<SourceRecord> {
  private static final SourceRecordCoder INSTANCE = new SourceRecordCoder();

  public static SourceRecordCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find the coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SourceRecord.class), INSTANCE);
  }

  @Override
  public void encode(SourceRecord record, OutputStream out) throws IOException {
    writeString(record.decodedText(), out);
    RecordCoders.BYTES.encode(record.bytesIfNotText(), out);
    writeString(record.source(), out);
    RecordCoders.LONG.encode(record.recordNumber(), out);
    writeString(record.messageId(), out);
    RecordCoders.ATTRIBUTES.encode(record.attributes(), out);
    RecordCoders.NULLABLE_LONG.encode(record.publishTimeMillis(), out);
    writeString(record.udfOutput(), out);
  }

  @Override
  public SourceRecord decode(InputStream in) throws IOException {
    return new SourceRecord(
        readString(in),
        RecordCoders.BYTES.decode(in),
        readString(in),
        RecordCoders.LONG.decode(in),
        readString(in),
        RecordCoders.ATTRIBUTES.decode(in),
        RecordCoders.NULLABLE_LONG.decode(in),
        readString(in));
  }
}
