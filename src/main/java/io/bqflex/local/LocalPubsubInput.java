package io.bqflex.local;

import io.bqflex.catalog.ParameterMetadata;
import io.bqflex.catalog.ParameterType;
import io.bqflex.catalog.TemplateMetadata;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Pub/Sub input of a local run: the subscription or topic the launch parameters name, made to
 * exist in the emulator and fed with messages.
 *
 * <p>A subscription gets a topic of the same name to publish to, and is fed before the pipeline
 * starts (it keeps the messages). A topic is fed only once the pipeline has made its own
 * subscription to it: Pub/Sub delivers nothing published before a subscription exists.
 */
public final class LocalPubsubInput {
  private static final Duration SUBSCRIBE_DEADLINE = Duration.ofMinutes(2);
  private static final int ACK_DEADLINE_SECONDS = 60;

  private final String project;
  private final String topic;
  private final String subscription;

  private LocalPubsubInput(String project, String topic, String subscription) {
    this.project = project;
    this.topic = topic;
    this.subscription = subscription;
  }

  /**
   * The input named by the parameter of type PUBSUB_SUBSCRIPTION or PUBSUB_TOPIC that has a value;
   * empty when the template does not read Pub/Sub.
   */
  public static Optional<LocalPubsubInput> of(
      TemplateMetadata metadata, Map<String, String> parameters) {
    for (ParameterMetadata parameter : metadata.parameters()) {
      String value = parameters.get(parameter.name());
      if (value == null || value.isEmpty()) {
        continue;
      }
      String[] parts = value.split("/");
      if (parameter.type() == ParameterType.PUBSUB_SUBSCRIPTION) {
        return Optional.of(new LocalPubsubInput(parts[1], parts[3], parts[3]));
      }
      if (parameter.type() == ParameterType.PUBSUB_TOPIC) {
        return Optional.of(new LocalPubsubInput(parts[1], parts[3], null));
      }
    }
    return Optional.empty();
  }

  /** Creates the topic, and the subscription when the input is one, unless they exist. */
  public void create(PubsubEmulator emulator) throws IOException {
    if (!emulator.topicExists(project, topic)) {
      emulator.createTopic(project, topic);
    }
    if (subscription != null && !emulator.listSubscriptions(project, topic).contains(name())) {
      emulator.createSubscription(project, subscription, topic, ACK_DEADLINE_SECONDS);
    }
  }

  /** Publishes {@code messages} once they can be delivered; see the class comment. */
  public void publish(PubsubEmulator emulator, List<OutgoingMessage> messages, PrintStream console)
      throws IOException, InterruptedException {
    if (subscription == null) {
      awaitPipelineSubscription(emulator);
    }
    emulator.publish(project, topic, messages);
    console.printf(
        "Published %,d message(s) to projects/%s/topics/%s%n", messages.size(), project, topic);
  }

  private void awaitPipelineSubscription(PubsubEmulator emulator)
      throws IOException, InterruptedException {
    long until = System.nanoTime() + SUBSCRIBE_DEADLINE.toNanos();
    while (emulator.listSubscriptions(project, topic).isEmpty()) {
      if (System.nanoTime() > until) {
        throw new IOException(
            "the pipeline did not subscribe to projects/"
                + project
                + "/topics/"
                + topic
                + " within "
                + SUBSCRIBE_DEADLINE.toSeconds()
                + " s");
      }
      Thread.sleep(200);
    }
  }

  private String name() {
    return "projects/" + project + "/subscriptions/" + subscription;
  }
}
