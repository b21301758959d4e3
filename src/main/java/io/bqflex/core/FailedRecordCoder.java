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

/** A compact coder for {@link FailedRecord}. */
public final class FailedRecordCoder extends AtomicCoder<FailedRecord> {
  private static final FailedRecordCoder INSTANCE = new FailedRecordCoder();

  public static FailedRecordCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find the coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(FailedRecord.class), INSTANCE);
  }

  @Override
  public void encode(FailedRecord record, OutputStream out) throws IOException {
    RecordCoders.LONG.encode(record.timestampMillis(), out);
    writeString(record.payloadString(), out);
    RecordCoders.BYTES.encode(record.payloadBytes(), out);
    writeString(record.stage().name(), out);
    writeString(record.errorMessage(), out);
    writeString(record.stacktrace(), out);
    writeString(record.source(), out);
    RecordCoders.LONG.encode(record.recordNumber(), out);
    writeString(record.messageId(), out);
    RecordCoders.ATTRIBUTES.encode(record.attributes(), out);
  }

  @Override
  public FailedRecord decode(InputStream in) throws IOException {
    return new FailedRecord(
        RecordCoders.LONG.decode(in),
        readString(in),
        RecordCoders.BYTES.decode(in),
        Stage.valueOf(readString(in)),
        readString(in),
        readString(in),
        readString(in),
        RecordCoders.LONG.decode(in),
        readString(in),
        RecordCoders.ATTRIBUTES.decode(in));
  }
}
