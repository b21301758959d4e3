package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.RecordException;
import io.bqflex.core.Records;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import io.bqflex.local.EmulatorExtension;
import io.bqflex.local.OutgoingMessage;
import io.bqflex.local.PubsubEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Streams from the emulator on the DirectRunner and checks every message lands on one tag. */
@ExtendWith(EmulatorExtension.class)
class ReadPubsubRecordsTest {
  private static final String PROJECT = "test-project";
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  /** What each run's sinks saw, by run id: DoFns are serialized, so they report through statics. */
  private static final Map<String, Queue<Object>> SEEN = new ConcurrentHashMap<>();

  private static final byte[] INVALID_UTF8 = {'o', 'k', (byte) 0xC3, '(', '!'};

  @Test
  void readsSubscriptionIntoRecordsKeepingEveryPayloadAsItsBytes(PubsubEmulator emulator)
      throws Exception {
    String topic = unique("topic");
    String subscription = unique("sub");
    emulator.createTopic(PROJECT, topic);
    emulator.createSubscription(PROJECT, subscription, topic, 60);
    List<OutgoingMessage> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Map<String, String> attributes = i % 3 == 0 ? Map.of("n", "" + i, "kind", "third") : Map.of();
      sent.add(
          i % 40 == 7
              ? new OutgoingMessage(INVALID_UTF8, attributes)
              : OutgoingMessage.utf8("{\"n\":" + i + ",\"text\":\"café ✓ 🎉\"}", attributes));
    }
    long startMillis = System.currentTimeMillis();
    List<String> ids = emulator.publish(PROJECT, topic, sent);
    String source = "projects/" + PROJECT + "/subscriptions/" + subscription;

    Map<String, Object> seen = run(emulator, ReadPubsubRecords.fromSubscription(source), ids);

    assertEquals(new java.util.HashSet<>(ids), seen.keySet());
    for (int i = 0; i < sent.size(); i++) {
      OutgoingMessage message = sent.get(i);
      Object outcome = seen.get(ids.get(i));
      SourceRecord record = (SourceRecord) outcome;
      // Kept as bytes, every one, whatever they hold: the format decodes them.
      assertArrayEquals(message.data(), record.payloadBytes());
      assertNull(record.decodedText());
      if (message.data() == INVALID_UTF8) {
        RecordException notText = assertThrows(RecordException.class, record::text);
        assertEquals(Stage.PARSE, notText.stage());
        assertTrue(
            notText.getMessage().startsWith("payload is not valid UTF-8"), notText.getMessage());
        assertTrue(notText.getMessage().contains("offset 2"), notText.getMessage());
      } else {
        assertEquals(new String(message.data(), StandardCharsets.UTF_8), record.text());
      }
      assertEquals(source, record.source());
      assertEquals(0, record.recordNumber());
      assertEquals(ids.get(i), record.messageId());
      assertEquals(message.attributes(), record.attributes());
      assertPublishTime(record, startMillis);
    }
  }

  @Test
  void readsTopicThroughItsOwnSubscription(PubsubEmulator emulator) throws Exception {
    String topic = unique("topic");
    emulator.createTopic(PROJECT, topic);
    String source = "projects/" + PROJECT + "/topics/" + topic;
    List<OutgoingMessage> sent =
        List.of(OutgoingMessage.utf8("a,b,c", Map.of("file", "x.csv")), OutgoingMessage.utf8("d"));

    String runId = UUID.randomUUID().toString();
    PipelineResult result = start(emulator, ReadPubsubRecords.fromTopic(source), runId);
    try {
      // Beam subscribes when the job starts; what is published before that is not delivered.
      await(() -> !listSubscriptions(emulator, topic).isEmpty(), "Beam's subscription to " + topic);
      long startMillis = System.currentTimeMillis();
      List<String> ids = emulator.publish(PROJECT, topic, sent);
      Map<String, Object> seen = awaitSeen(runId, ids);

      for (int i = 0; i < sent.size(); i++) {
        SourceRecord record = (SourceRecord) seen.get(ids.get(i));
        assertEquals(new String(sent.get(i).data(), StandardCharsets.UTF_8), record.text());
        assertEquals(source, record.source());
        assertEquals(sent.get(i).attributes(), record.attributes());
        assertPublishTime(record, startMillis);
      }
    } finally {
      result.cancel();
    }
  }

  private static void assertPublishTime(SourceRecord record, long publishedNotBefore) {
    // The emulator runs on this machine's clock; allow its millisecond rounding.
    assertNotNull(record.publishTimeMillis());
    assertTrue(record.publishTimeMillis() >= publishedNotBefore - 1_000, record.toString());
    assertTrue(record.publishTimeMillis() <= System.currentTimeMillis() + 1_000, record.toString());
  }

  /** Runs the transform until every id was seen, then cancels; returns the outcome per id. */
  private static Map<String, Object> run(
      PubsubEmulator emulator, ReadPubsubRecords read, List<String> ids) throws Exception {
    String runId = UUID.randomUUID().toString();
    PipelineResult result = start(emulator, read, runId);
    try {
      return awaitSeen(runId, ids);
    } finally {
      result.cancel();
    }
  }

  private static PipelineResult start(
      PubsubEmulator emulator, ReadPubsubRecords read, String runId) {
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(false);
    options.as(StreamingOptions.class).setStreaming(true);
    options.as(PubsubOptions.class).setPubsubRootUrl(emulator.rootUrl());
    options.as(GcpOptions.class).setProject(PROJECT);
    // The emulator needs no credentials. A credential object set here would not survive the
    // options' serialization to the runner's threads; the factory class does.
    options.as(GcpOptions.class).setCredentialFactoryClass(NoopCredentialFactory.class);
    SEEN.put(runId, new ConcurrentLinkedQueue<>());

    Pipeline pipeline = Pipeline.create(options);
    PCollectionTuple outcomes = pipeline.apply("Read", read);
    outcomes.get(Records.RECORDS).apply("SeeRecords", ParDo.of(new See<>(runId)));
    outcomes.get(Records.FAILURES).apply("SeeFailures", ParDo.of(new See<>(runId)));
    return pipeline.run();
  }

  /** Waits until each id arrived at least once (Pub/Sub may redeliver); the outcome per id. */
  private static Map<String, Object> awaitSeen(String runId, List<String> ids) throws Exception {
    Map<String, Object> byId = new HashMap<>();
    await(
        () -> {
          for (Object outcome : SEEN.get(runId)) {
            byId.put(
                outcome instanceof SourceRecord record
                    ? record.messageId()
                    : ((FailedRecord) outcome).messageId(),
                outcome);
          }
          return byId.keySet().containsAll(ids);
        },
        ids.size() + " messages, seen " + byId.size());
    return byId;
  }

  private static void await(BooleanSupplier done, String what) throws InterruptedException {
    long until = System.nanoTime() + DEADLINE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - until > 0) {
        throw new AssertionError("gave up waiting for " + what + " after " + DEADLINE);
      }
      Thread.sleep(250);
    }
  }

  private static List<String> listSubscriptions(PubsubEmulator emulator, String topic) {
    try {
      return emulator.listSubscriptions(PROJECT, topic);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /** Hands each element to the test through {@link #SEEN}. */
  private static final class See<T> extends DoFn<T, Void> {
    private final String runId;

    See(String runId) {
      this.runId = runId;
    }

    @ProcessElement
    public void process(@Element T element) {
      SEEN.get(runId).add(element);
    }
  }
}
