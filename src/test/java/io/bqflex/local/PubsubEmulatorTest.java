package io.bqflex.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against Google's real emulator: start, stop, and the REST calls a local run makes. */
@ExtendWith(EmulatorExtension.class)
class PubsubEmulatorTest {
  private static final String PROJECT = "test-project";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void roundTripsPublishedDataAndAttributesThroughSubscription(PubsubEmulator emulator)
      throws Exception {
    String topic = unique("topic");
    String subscription = unique("sub");
    emulator.createTopic(PROJECT, topic);
    emulator.createSubscription(PROJECT, subscription, topic, 60);
    List<OutgoingMessage> sent =
        List.of(
            OutgoingMessage.utf8("{\"id\":1}", Map.of("origin", "test", "n", "1")),
            new OutgoingMessage(new byte[] {(byte) 0xff, 0x00, 0x41}, Map.of()),
            OutgoingMessage.utf8("café ✓"));

    List<String> ids = emulator.publish(PROJECT, topic, sent);

    assertEquals(sent.size(), new HashSet<>(ids).size(), "distinct ids: " + ids);
    Map<String, JsonNode> received = pull(emulator, subscription, sent.size());
    for (int i = 0; i < sent.size(); i++) {
      JsonNode message = received.get(ids.get(i));
      assertArrayEquals(
          sent.get(i).data(), Base64.getDecoder().decode(message.path("data").asText("")));
      assertEquals(sent.get(i).attributes(), attributes(message));
    }
  }

  @Test
  void publishesMoreMessagesThanOneRequestHolds(PubsubEmulator emulator) throws IOException {
    String topic = unique("topic");
    emulator.createTopic(PROJECT, topic);
    int count = 2 * PubsubRestClient.MAX_MESSAGES_PER_REQUEST + 1;
    List<OutgoingMessage> messages =
        IntStream.range(0, count)
            .mapToObj(i -> OutgoingMessage.utf8("message " + i))
            .collect(Collectors.toList());

    List<String> ids = emulator.publish(PROJECT, topic, messages);

    assertEquals(count, new HashSet<>(ids).size());
  }

  @Test
  void listsSubscriptionsOfTopic(PubsubEmulator emulator) throws IOException {
    String topic = unique("topic");
    String subscription = unique("sub");
    emulator.createTopic(PROJECT, topic);
    emulator.createSubscription(PROJECT, subscription, topic, 10);

    assertEquals(
        List.of("projects/" + PROJECT + "/subscriptions/" + subscription),
        emulator.listSubscriptions(PROJECT, topic));
  }

  @Test
  void refusesExistingTopicNamingTheRequestAndReason(PubsubEmulator emulator) throws IOException {
    String topic = unique("topic");
    emulator.createTopic(PROJECT, topic);

    IOException error = assertThrows(IOException.class, () -> emulator.createTopic(PROJECT, topic));

    assertTrue(error.getMessage().contains(topic), error.getMessage());
    assertTrue(error.getMessage().contains("409"), error.getMessage());
  }

  @Test
  void refusesPublishingToMissingTopic(PubsubEmulator emulator) {
    IOException error =
        assertThrows(
            IOException.class,
            () -> emulator.publish(PROJECT, unique("missing"), List.of(OutgoingMessage.utf8("x"))));

    assertTrue(error.getMessage().contains("404"), error.getMessage());
  }

  @Test
  void leavesAttachedEmulatorRunningOnClose(PubsubEmulator emulator) throws IOException {
    PubsubEmulator attached = PubsubEmulator.attach(emulator.rootUrl());
    attached.close();

    attached.createTopic(PROJECT, unique("topic"));
  }

  @Test
  void stopsEmulatorAndItsChildProcessesOnClose() throws IOException {
    PubsubEmulator emulator =
        PubsubEmulator.start(
            EmulatorExtension.launcherOrSkip(), PubsubEmulator.DEFAULT_START_DEADLINE);
    List<ProcessHandle> processes = emulator.processTree();
    assertFalse(processes.isEmpty());
    emulator.createTopic(PROJECT, unique("topic"));

    emulator.close();
    emulator.close();

    for (ProcessHandle process : processes) {
      assertFalse(process.isAlive(), "process " + process.pid() + " outlived close()");
    }
    assertThrows(IOException.class, () -> emulator.createTopic(PROJECT, unique("topic")));
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /**
   * Pulls until {@code count} messages arrived; the emulator may hand them out over several pulls.
   */
  private static Map<String, JsonNode> pull(PubsubEmulator emulator, String subscription, int count)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI uri =
        URI.create(
            emulator.rootUrl()
                + "/v1/projects/"
                + PROJECT
                + "/subscriptions/"
                + subscription
                + ":pull");
    Map<String, JsonNode> byId = new HashMap<>();
    for (int attempt = 0; attempt < 50 && byId.size() < count; attempt++) {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"maxMessages\":100}"))
              .build();
      JsonNode response =
          JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      List<JsonNode> messages = new ArrayList<>();
      response.path("receivedMessages").forEach(m -> messages.add(m.path("message")));
      messages.forEach(m -> byId.put(m.path("messageId").asText(), m));
    }
    assertEquals(count, byId.size(), "messages pulled: " + byId.keySet());
    return byId;
  }

  private static Map<String, String> attributes(JsonNode message) {
    Map<String, String> attributes = new HashMap<>();
    message
        .path("attributes")
        .fields()
        .forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
    return attributes;
  }
}
