package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableFieldSchema;
import io.bqflex.core.RecordCounts;
import io.bqflex.local.EmulatorExtension;
import io.bqflex.local.LocalBigQuery;
import io.bqflex.local.LocalRun;
import io.bqflex.local.OutgoingMessage;
import io.bqflex.local.PubsubEmulator;
import io.bqflex.rows.SchemaLines;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code autoMapTables} on a streaming job: the Pub/Sub template's pipeline on the DirectRunner,
 * reading Google's Pub/Sub emulator, writing Beam's in-process BigQuery. A burst of messages brings
 * fields the table lacks; they wait while the columns are added
 * (https://cloud.google.com/bigquery/docs/managing-table-schemas#add_a_nullable_column) and settle,
 * then are written with their values, in both streaming modes.
 */
@ExtendWith(EmulatorExtension.class)
class AutoMapTablesStreamingTest {

  /** How often a message without new fields is published while others wait for their columns. */
  private static final Duration TRAFFIC = Duration.ofSeconds(1);

  @TempDir Path dir;

  /**
   * Six messages give qty as an integer and coupon as a string: both become columns and take their
   * values. One gives qty as a string (six to one: INT64 wins) and is a dead letter naming the
   * field; one brings remark, null only, which says no type: no column, a dead letter. Every
   * message is written or dead-lettered once.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBurstOfNewFieldsWaitsForItsColumnsAndIsWrittenWithTheirValues(
      boolean atLeastOnce, PubsubEmulator emulator) throws Exception {
    FollowingRun following =
        new FollowingRun("automap", atLeastOnce, emulator, "autoMapTables", "true");
    String table = following.table();

    // Before: the table is created and written to with the launch schema.
    List<OutgoingMessage> before = new ArrayList<>();
    for (int n = 0; n < 4; n++) {
      before.add(message(n, ""));
    }
    List<OutgoingMessage> burst = new ArrayList<>();
    for (int n = 4; n < 10; n++) {
      burst.add(message(n, ",\"qty\":" + n + ",\"coupon\":\"C" + n + "\""));
    }
    burst.add(message(10, ",\"qty\":\"ten\""));
    burst.add(message(11, ",\"qty\":11,\"remark\":null"));

    Traffic traffic = new Traffic(following, before.size(), burst, true);
    RecordCounts counts = following.localRun(dir, before, traffic::done).execute().counts();
    TemplateRun result = following.result(dir);

    Map<Integer, String> written = new TreeMap<>();
    for (JsonNode row : result.rows(table)) {
      written.put(row.get("n").asInt(), text(row, "qty") + "/" + text(row, "coupon"));
    }
    Map<Integer, String> expected = new TreeMap<>();
    for (int n = 0; n < 4; n++) {
      expected.put(n, "/");
    }
    for (int n = 4; n < 10; n++) {
      expected.put(n, n + "/C" + n);
    }
    for (int n : traffic.plainSent().keySet()) {
      expected.put(n, "/");
    }
    assertEquals(expected, written, result.console);

    Map<Integer, String> deadLetters = new TreeMap<>();
    for (JsonNode deadLetter : result.rows(table + "_error_records")) {
      deadLetters.put(
          FollowingRun.messageNumber(deadLetter), deadLetter.get("errorMessage").asText());
    }
    assertEquals(List.of(10, 11), List.copyOf(deadLetters.keySet()), result.console);
    assertTrue(deadLetters.get(10).contains("qty"), deadLetters.get(10));
    assertTrue(deadLetters.get(11).contains("remark"), deadLetters.get(11));

    Map<String, String> added = new TreeMap<>();
    for (TableFieldSchema column :
        new FakeDatasetService()
            .getTable(BigQueryHelpers.parseTableSpec(table))
            .getSchema()
            .getFields()) {
      added.put(column.getName(), column.getType() + " " + column.getMode());
    }
    assertEquals("INT64 NULLABLE", added.get("qty"), added.toString());
    assertEquals("STRING NULLABLE", added.get("coupon"), added.toString());
    assertTrue(!added.containsKey("remark"), added.toString());

    int sent = traffic.sent();
    assertEquals(sent, written.size() + deadLetters.size(), "read = written + dead-lettered");
    assertEquals(sent, counts.read(), result.console);
    assertTrue(counts.balanced(), result.console);
  }

  /**
   * A table no row has made yet, whose first messages all bring fields its launch schema lacks: the
   * job creates it with those columns, and the writer, whose first rows these are, knows them from
   * its start.
   */
  @Test
  void aTableNoRowHasMadeYetIsCreatedWithTheColumnsOfItsFirstMessages(PubsubEmulator emulator)
      throws Exception {
    FollowingRun following =
        new FollowingRun("automap-new", true, emulator, "autoMapTables", "true");
    List<OutgoingMessage> burst = new ArrayList<>();
    for (int n = 0; n < 4; n++) {
      burst.add(message(n, ",\"qty\":" + n));
    }
    Traffic traffic = new Traffic(following, 0, burst, false);

    RecordCounts counts = following.localRun(dir, List.of(), traffic::done).execute().counts();

    TemplateRun result = following.result(dir);
    Map<Integer, String> written = new TreeMap<>();
    for (JsonNode row : result.rows(following.table())) {
      written.put(row.get("n").asInt(), text(row, "qty"));
    }
    assertEquals(Map.of(0, "0", 1, "1", 2, "2", 3, "3"), written, result.console);
    assertEquals(4, counts.read());
    assertTrue(counts.balanced(), result.console);
  }

  /**
   * Routed messages without {@code JSONPath}: each table gains the columns of its own messages, so
   * qty is INT64 in table a and STRING in table b; in a, one message's qty is text (four to one:
   * INT64 wins) and is a dead letter naming the field; table c, which does not exist, is created
   * with the columns of its messages.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void eachRoutedTableGainsTheColumnsOfItsOwnMessages(boolean atLeastOnce, PubsubEmulator emulator)
      throws Exception {
    FollowingRun following =
        new FollowingRun("automap-routed", atLeastOnce, emulator, "autoMapTables", "true")
            .routedByAttribute("kind");
    FakeDatasetService datasets = following.createRoutedTables("a", "b");

    List<OutgoingMessage> before = new ArrayList<>();
    for (int n = 0; n < 4; n++) {
      before.add(following.routedTo(message(n, ""), n % 2 == 0 ? "a" : "b"));
    }
    List<OutgoingMessage> burst = new ArrayList<>();
    for (int n = 4; n < 8; n++) {
      burst.add(
          following.routedTo(message(n, ",\"qty\":" + n + ",\"coupon\":\"C" + n + "\""), "a"));
    }
    for (int n = 8; n < 12; n++) {
      burst.add(following.routedTo(message(n, ",\"qty\":\"q" + n + "\""), "b"));
    }
    burst.add(following.routedTo(message(12, ",\"qty\":\"twelve\""), "a"));
    // Table c does not exist: it is created with the columns of its messages.
    burst.add(following.routedTo(message(13, ",\"qty\":13"), "c"));
    burst.add(following.routedTo(message(14, ",\"qty\":14"), "c"));

    Traffic traffic = new Traffic(following, before.size(), burst, true, List.of("a", "b"));
    RecordCounts counts = following.localRun(dir, before, traffic::done).execute().counts();
    TemplateRun result = following.result(dir);

    Map<Integer, String> expectedA = new TreeMap<>(Map.of(0, "/", 2, "/"));
    Map<Integer, String> expectedB = new TreeMap<>(Map.of(1, "/", 3, "/"));
    for (int n = 4; n < 8; n++) {
      expectedA.put(n, n + "/C" + n);
    }
    for (int n = 8; n < 12; n++) {
      expectedB.put(n, "q" + n + "/");
    }
    traffic
        .plainSent()
        .forEach((n, kind) -> (kind.equals("a") ? expectedA : expectedB).put(n, "/"));
    Map<Integer, String> writtenA = qtyAndCoupon(result.rows(following.table() + "_a"));
    Map<Integer, String> writtenB = qtyAndCoupon(result.rows(following.table() + "_b"));
    Map<Integer, String> writtenC = qtyAndCoupon(result.rows(following.table() + "_c"));
    assertEquals(expectedA, writtenA, result.console);
    assertEquals(expectedB, writtenB, result.console);
    assertEquals(Map.of(13, "13/", 14, "14/"), writtenC, result.console);

    Map<Integer, String> deadLetters = new TreeMap<>();
    for (JsonNode deadLetter : result.rows(following.table() + "_error_records")) {
      deadLetters.put(
          FollowingRun.messageNumber(deadLetter), deadLetter.get("errorMessage").asText());
    }
    assertEquals(List.of(12), List.copyOf(deadLetters.keySet()), result.console);
    assertTrue(deadLetters.get(12).contains("qty"), deadLetters.get(12));

    assertEquals(
        Map.of("qty", "INT64 NULLABLE", "coupon", "STRING NULLABLE"),
        addedColumns(datasets, following.table() + "_a"));
    assertEquals(
        Map.of("qty", "STRING NULLABLE"), addedColumns(datasets, following.table() + "_b"));
    assertEquals(
        List.of("event_id STRING NULLABLE", "n INT64 NULLABLE", "qty INT64 NULLABLE"),
        SchemaLines.of(
            datasets
                .getTable(BigQueryHelpers.parseTableSpec(following.table() + "_c"))
                .getSchema()
                .getFields()));
    int sent = traffic.sent();
    assertEquals(
        sent,
        writtenA.size() + writtenB.size() + writtenC.size() + deadLetters.size(),
        "read = written + dead-lettered");
    assertEquals(sent, counts.read(), result.console);
    assertTrue(counts.balanced(), result.console);
  }

  private static Map<Integer, String> qtyAndCoupon(List<JsonNode> rows) {
    Map<Integer, String> written = new TreeMap<>();
    for (JsonNode row : rows) {
      written.put(row.get("n").asInt(), text(row, "qty") + "/" + text(row, "coupon"));
    }
    return written;
  }

  /** The columns of {@code table} besides those of the schema it was made with. */
  private static Map<String, String> addedColumns(FakeDatasetService datasets, String table)
      throws Exception {
    Map<String, String> added = new TreeMap<>();
    for (TableFieldSchema column :
        datasets.getTable(BigQueryHelpers.parseTableSpec(table)).getSchema().getFields()) {
      if (List.of("qty", "coupon").contains(column.getName())) {
        added.put(column.getName(), column.getType() + " " + column.getMode());
      }
    }
    return added;
  }

  private static String text(JsonNode row, String column) {
    JsonNode value = row.get(column);
    return value == null || value.isNull() ? "" : value.asText();
  }

  /**
   * What the test publishes between progress reports: the burst once the first messages are in the
   * table; then, until every message has been converted, a message without new fields every {@link
   * #TRAFFIC}, the writes from which the writer learns the new columns (as on a table written to
   * steadily).
   */
  private static final class Traffic {
    private final FollowingRun following;
    private final List<OutgoingMessage> burst;
    private final boolean traffic;
    private final List<String> kinds;

    /** Each message without new fields published, with its kind ("" for none). */
    private final Map<Integer, String> plain = new TreeMap<>();

    private int published;
    private boolean burstSent;
    private long lastAt;

    /**
     * @param traffic whether to publish messages without new fields while others wait
     */
    Traffic(
        FollowingRun following, int publishedBefore, List<OutgoingMessage> burst, boolean traffic) {
      this(following, publishedBefore, burst, traffic, List.of(""));
    }

    /**
     * @param kinds the attribute kind of the messages without new fields: one of each is published
     *     each time, so that each table named by kind is written to ("" for no attribute)
     */
    Traffic(
        FollowingRun following,
        int publishedBefore,
        List<OutgoingMessage> burst,
        boolean traffic,
        List<String> kinds) {
      this.following = following;
      this.published = publishedBefore;
      this.burst = burst;
      this.traffic = traffic;
      this.kinds = kinds;
    }

    boolean done(RecordCounts counts, LocalBigQuery bigQuery, List<String> tables)
        throws IOException, InterruptedException {
      if (LocalRun.accountedFor(published).test(counts, bigQuery, tables)) {
        if (burstSent) {
          return true;
        }
        publish(burst);
        burstSent = true;
      } else if (traffic
          && burstSent
          && waiting(counts)
          && System.nanoTime() - lastAt >= TRAFFIC.toNanos()) {
        List<OutgoingMessage> messages = new ArrayList<>();
        for (String kind : kinds) {
          int n = 100 + plain.size();
          plain.put(n, kind);
          messages.add(kind.isEmpty() ? message(n, "") : following.routedTo(message(n, ""), kind));
        }
        publish(messages);
      }
      return false;
    }

    /** Whether some message read is neither written nor dead-lettered yet: held, or unread. */
    private boolean waiting(RecordCounts counts) {
      return counts.read() < published || !counts.balanced();
    }

    private void publish(List<OutgoingMessage> messages) throws IOException, InterruptedException {
      following.publish(messages);
      published += messages.size();
      lastAt = System.nanoTime();
    }

    /** The messages without new fields published, each with its kind ("" for none). */
    Map<Integer, String> plainSent() {
      return plain;
    }

    int sent() {
      return published;
    }
  }

  /** Message {@code n} with {@code more} JSON members after its own. */
  private static OutgoingMessage message(int n, String more) {
    return OutgoingMessage.utf8(
        "{\"event_id\":\"e-" + n + "\",\"n\":" + n + more + "}", Map.of("n", "" + n));
  }
}
