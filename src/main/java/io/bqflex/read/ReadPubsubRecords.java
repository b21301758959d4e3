package io.bqflex.read;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.SourceRecordCoder;
import io.bqflex.core.Stage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Reads a Pub/Sub subscription or topic into {@link SourceRecord}s ({@link Records#RECORDS}); a
 * message whose payload is not UTF-8 text goes to {@link Records#FAILURES} with its original bytes.
 *
 * <p>Each record's source is the subscription or topic it was read from, with the message id,
 * attributes and publish time. The endpoint comes from {@code PubsubOptions.pubsubRootUrl}, so a
 * local run points it at the emulator.
 */
public final class ReadPubsubRecords extends PTransform<PBegin, PCollectionTuple> {
  private static final TupleTag<SourceRecord> RECORDS = Records.RECORDS;
  private static final TupleTag<FailedRecord> FAILURES = Records.FAILURES;

  private final String subscription;
  private final String topic;

  private ReadPubsubRecords(String subscription, String topic) {
    this.subscription = subscription;
    this.topic = topic;
  }

  /** Reads {@code projects/PROJECT/subscriptions/SUBSCRIPTION}, sharing it with other readers. */
  public static ReadPubsubRecords fromSubscription(String subscription) {
    return new ReadPubsubRecords(Objects.requireNonNull(subscription, "subscription"), null);
  }

  /**
   * Reads {@code projects/PROJECT/topics/TOPIC} through a subscription Beam creates for this job:
   * only messages published after the job starts arrive.
   */
  public static ReadPubsubRecords fromTopic(String topic) {
    return new ReadPubsubRecords(null, Objects.requireNonNull(topic, "topic"));
  }

  /** The subscription or topic this transform reads, as given. */
  public String source() {
    return subscription != null ? subscription : topic;
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PubsubIO.Read<PubsubMessage> read = PubsubIO.readMessagesWithAttributesAndMessageId();
    read = subscription != null ? read.fromSubscription(subscription) : read.fromTopic(topic);
    PCollectionTuple decoded =
        input
            .apply("ReadMessages", read)
            .apply(
                "DecodeUtf8",
                ParDo.of(new ToSourceRecordFn(source()))
                    .withOutputTags(RECORDS, TupleTagList.of(FAILURES)));
    decoded.get(RECORDS).setCoder(SourceRecordCoder.of());
    decoded.get(FAILURES).setCoder(FailedRecordCoder.of());
    return decoded;
  }

  /** Turns a message into a record, or into a READ failure when its payload is not UTF-8. */
  private static final class ToSourceRecordFn extends DoFn<PubsubMessage, SourceRecord> {
    private final Counter read = RecordCounters.counter(RecordCounters.READ);
    private final String source;
    // One per DoFn instance; Beam calls an instance from one thread at a time.
    private transient CharsetDecoder utf8;

    ToSourceRecordFn(String source) {
      this.source = source;
    }

    @Setup
    public void setup() {
      // REPORT, not the default REPLACE: a payload must never reach BigQuery with U+FFFD in it.
      utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @ProcessElement
    public void process(
        @Element PubsubMessage message, @Timestamp Instant publishTime, MultiOutputReceiver out) {
      read.inc();
      byte[] payload = message.getPayload() == null ? new byte[0] : message.getPayload();
      Map<String, String> attributes =
          message.getAttributeMap() == null ? Map.of() : Map.copyOf(message.getAttributeMap());
      CharBuffer text = CharBuffer.allocate(payload.length);
      ByteBuffer bytes = ByteBuffer.wrap(payload);
      utf8.reset();
      CoderResult result = utf8.decode(bytes, text, true);
      if (!result.isError()) {
        result = utf8.flush(text);
      }
      if (result.isError()) {
        out.get(FAILURES)
            .output(
                new FailedRecord(
                    System.currentTimeMillis(),
                    null,
                    payload,
                    Stage.READ,
                    "payload is not valid UTF-8 (invalid byte sequence at byte offset "
                        + bytes.position()
                        + " of "
                        + payload.length
                        + "); publish the message as UTF-8 text",
                    null,
                    source,
                    0,
                    message.getMessageId(),
                    attributes));
        return;
      }
      text.flip();
      // PubsubIO stamps each element with its publish time unless a timestamp attribute is set.
      out.get(RECORDS)
          .output(
              new SourceRecord(
                  text.toString(),
                  source,
                  0,
                  message.getMessageId(),
                  attributes,
                  publishTime.getMillis()));
    }
  }
}
