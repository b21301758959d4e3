package io.bqflex.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The few Pub/Sub admin and publish calls a local run and the tests need, over the emulator's REST
 * API. Plain {@code java.net.http} + Jackson: the Google client libraries on the classpath would
 * want credentials and gRPC channel set-up for what is four HTTP calls.
 */
final class PubsubRestClient {
  /** Pub/Sub accepts at most 1000 messages and 10 MB per publish request; stay well below. */
  static final int MAX_MESSAGES_PER_REQUEST = 500;

  static final int MAX_BYTES_PER_REQUEST = 8 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String rootUrl;
  private final HttpClient http;

  PubsubRestClient(String rootUrl) {
    this.rootUrl = rootUrl;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  void createTopic(String project, String topic) throws IOException {
    send("PUT", topicPath(project, topic), JSON.createObjectNode());
  }

  /** Whether {@code projects/PROJECT/topics/TOPIC} exists. */
  boolean topicExists(String project, String topic) throws IOException {
    HttpResponse<String> response = exchange("GET", topicPath(project, topic), null);
    if (response.statusCode() == 404) {
      return false;
    }
    checkOk("GET", topicPath(project, topic), response);
    return true;
  }

  void createSubscription(String project, String subscription, String topic, int ackDeadlineSeconds)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("topic", "projects/" + project + "/topics/" + topic);
    body.put("ackDeadlineSeconds", ackDeadlineSeconds);
    send(
        "PUT",
        "/v1/projects/" + segment(project) + "/subscriptions/" + segment(subscription),
        body);
  }

  /**
   * The full names ({@code projects/P/subscriptions/S}) of the subscriptions attached to a topic.
   */
  List<String> listSubscriptions(String project, String topic) throws IOException {
    List<String> names = new ArrayList<>();
    String pageToken = "";
    do {
      String query = pageToken.isEmpty() ? "" : "?pageToken=" + segment(pageToken);
      JsonNode page = send("GET", topicPath(project, topic) + "/subscriptions" + query, null);
      page.path("subscriptions").forEach(name -> names.add(name.asText()));
      pageToken = page.path("nextPageToken").asText("");
    } while (!pageToken.isEmpty());
    return names;
  }

  /**
   * Publishes in order, in batches, and returns the message ids in the order of {@code messages}.
   */
  List<String> publish(String project, String topic, List<OutgoingMessage> messages)
      throws IOException {
    List<String> ids = new ArrayList<>(messages.size());
    List<OutgoingMessage> batch = new ArrayList<>();
    long batchBytes = 0;
    for (OutgoingMessage message : messages) {
      long size = encodedSize(message);
      if (!batch.isEmpty()
          && (batch.size() == MAX_MESSAGES_PER_REQUEST
              || batchBytes + size > MAX_BYTES_PER_REQUEST)) {
        ids.addAll(publishBatch(project, topic, batch));
        batch.clear();
        batchBytes = 0;
      }
      batch.add(message);
      batchBytes += size;
    }
    if (!batch.isEmpty()) {
      ids.addAll(publishBatch(project, topic, batch));
    }
    return ids;
  }

  private List<String> publishBatch(String project, String topic, List<OutgoingMessage> batch)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode array = body.putArray("messages");
    for (OutgoingMessage message : batch) {
      ObjectNode node = array.addObject();
      node.put("data", Base64.getEncoder().encodeToString(message.data()));
      if (!message.attributes().isEmpty()) {
        ObjectNode attributes = node.putObject("attributes");
        message.attributes().forEach(attributes::put);
      }
    }
    JsonNode response = send("POST", topicPath(project, topic) + ":publish", body);
    List<String> ids = new ArrayList<>(batch.size());
    response.path("messageIds").forEach(id -> ids.add(id.asText()));
    if (ids.size() != batch.size()) {
      throw new IOException(
          "Pub/Sub emulator at "
              + rootUrl
              + " returned "
              + ids.size()
              + " message ids for "
              + batch.size()
              + " published messages to topic "
              + topic
              + ": "
              + response);
    }
    return ids;
  }

  private JsonNode send(String method, String path, JsonNode body) throws IOException {
    HttpResponse<String> response = exchange(method, path, body);
    checkOk(method, path, response);
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  private HttpResponse<String> exchange(String method, String path, JsonNode body)
      throws IOException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(rootUrl + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .method(method, publisher)
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(method + " " + rootUrl + path + " was interrupted");
    } catch (IOException e) {
      throw new IOException(
          "Pub/Sub emulator at "
              + rootUrl
              + " did not answer "
              + method
              + " "
              + path
              + " ("
              + e
              + "); is it running?",
          e);
    }
    return response;
  }

  private void checkOk(String method, String path, HttpResponse<String> response)
      throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "Pub/Sub emulator at "
              + rootUrl
              + " refused "
              + method
              + " "
              + path
              + " with HTTP "
              + response.statusCode()
              + ": "
              + errorMessage(response.body()));
    }
  }

  /** The {@code error.message} of a Google API error body, or the body itself. */
  private static String errorMessage(String body) {
    try {
      JsonNode message = JSON.readTree(body).path("error").path("message");
      return message.isTextual() ? message.asText() : body;
    } catch (IOException notJson) {
      return body;
    }
  }

  private static long encodedSize(OutgoingMessage message) {
    long size = 4L * ((message.data().length + 2) / 3) + 32;
    for (Map.Entry<String, String> attribute : message.attributes().entrySet()) {
      size += attribute.getKey().length() + attribute.getValue().length() + 8;
    }
    return size;
  }

  private static String topicPath(String project, String topic) {
    return "/v1/projects/" + segment(project) + "/topics/" + segment(topic);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
