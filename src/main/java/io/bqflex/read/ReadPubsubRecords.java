package io.bqflex.read;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.FailedRecordCoder;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.SourceRecordCoder;
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
 * Reads a Pub/Sub subscription or topic into {@link SourceRecord}s ({@link Records#RECORDS}) that
 * keep each message's payload as its bytes. No message fails here: {@link Records#FAILURES} stays
 * empty, and is there because every step hands the next records and failures.
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
                "ToRecords",
                ParDo.of(new ToSourceRecordFn(source()))
                    .withOutputTags(RECORDS, TupleTagList.of(FAILURES)));
    decoded.get(RECORDS).setCoder(SourceRecordCoder.of());
    decoded.get(FAILURES).setCoder(FailedRecordCoder.of());
    return decoded;
  }

  /**
   * Turns a message into a record of its bytes: the format that reads the payload decodes it, so a
   * payload that is not UTF-8 fails there, at PARSE, with its bytes kept.
   */
  private static final class ToSourceRecordFn extends DoFn<PubsubMessage, SourceRecord> {
    private final Counter read = RecordCounters.counter(RecordCounters.READ);
    private final String source;

    ToSourceRecordFn(String source) {
      this.source = source;
    }

    @ProcessElement
    public void process(
        @Element PubsubMessage message,
        @Timestamp Instant publishTime,
        OutputReceiver<SourceRecord> out) {
      read.inc();
      byte[] payload = message.getPayload() == null ? new byte[0] : message.getPayload();
      Map<String, String> attributes =
          message.getAttributeMap() == null ? Map.of() : Map.copyOf(message.getAttributeMap());
      // PubsubIO stamps each element with its publish time unless a timestamp attribute is set.
      out.output(
          SourceRecord.fromMessage(
              payload, source, message.getMessageId(), attributes, publishTime.getMillis()));
    }
  }
}
