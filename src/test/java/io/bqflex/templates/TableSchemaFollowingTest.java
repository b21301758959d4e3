package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordCounts;
import io.bqflex.local.EmulatorExtension;
import io.bqflex.local.LocalRun;
import io.bqflex.local.OutgoingMessage;
import io.bqflex.local.PubsubEmulator;
import io.bqflex.rows.BigQuerySchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A streaming job whose table gains a column while it runs ({@code tableSchemaRefreshSeconds}): the
 * template's pipeline on the DirectRunner, reading Google's Pub/Sub emulator, writing Beam's
 * in-process BigQuery, whose {@code updateTableSchema} stands in for {@code ALTER TABLE ... ADD
 * COLUMN} (https://cloud.google.com/bigquery/docs/managing-table-schemas#add_a_nullable_column).
 */
@ExtendWith(EmulatorExtension.class)
class TableSchemaFollowingTest {

  /** Longer than the refresh period: the new column has settled for the converter by then. */
  private static final Duration SETTLE_AFTER_PERIOD = Duration.ofMillis(1_500);

  @TempDir Path dir;

  /**
   * Before the column exists, a message carrying its field is a dead letter; once it has been in
   * the table for a refresh period, the field's values are written, in both streaming modes. A
   * field the table still lacks stays a dead letter throughout.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aColumnAddedWhileTheJobRunsTakesValuesFromThenOn(
      boolean atLeastOnce, PubsubEmulator emulator) throws Exception {
    FollowingRun following = new FollowingRun("follow", atLeastOnce, emulator);
    String table = following.table();

    // Before: 4 messages without the field, 4 with it (dead letters: the table lacks it).
    List<OutgoingMessage> before = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      before.add(message(i, i % 2 == 0 ? null : "web-" + i, false));
    }
    // Published once the column is in the table, in two rounds: 4 without it, the writer's first
    // appends since.
    List<OutgoingMessage> ticks = new ArrayList<>();
    for (int i = 8; i < 12; i++) {
      ticks.add(message(i, null, false));
    }
    // Published once the column has settled: 6 with it, and one with a field still unknown.
    List<OutgoingMessage> after = new ArrayList<>();
    for (int i = 12; i < 18; i++) {
      after.add(message(i, "app-" + i, false));
    }
    after.add(message(18, "app-18", true));
    int sent = before.size() + ticks.size() + after.size();

    RecordCounts counts = runInPhases(following, following.table(), before, ticks, after);
    TemplateRun result = following.result(dir);

    Map<Integer, String> channels = channels(result.rows(table));
    Map<Integer, String> expected = new TreeMap<>();
    for (int i : new int[] {0, 2, 4, 6, 8, 9, 10, 11}) {
      expected.put(i, "");
    }
    for (int i = 12; i < 18; i++) {
      expected.put(i, "app-" + i);
    }
    assertEquals(expected, channels, result.console);

    Map<Integer, String> deadLetters = new TreeMap<>();
    for (JsonNode deadLetter : result.rows(table + "_error_records")) {
      deadLetters.put(
          FollowingRun.messageNumber(deadLetter), deadLetter.get("errorMessage").asText());
      assertEquals("CONVERT", deadLetter.get("stage").asText(), deadLetter.toString());
    }
    assertEquals(List.of(1, 3, 5, 7, 18), List.copyOf(deadLetters.keySet()), result.console);
    assertTrue(deadLetters.get(1).contains("channel"), deadLetters.get(1));
    assertTrue(deadLetters.get(18).contains("device"), deadLetters.get(18));
    assertEquals(sent, expected.size() + deadLetters.size(), "read = written + dead-lettered");
    assertEquals(sent, counts.read(), result.console);
    assertTrue(counts.balanced(), result.console);
  }

  /**
   * Routed messages without {@code JSONPath} (each table's own schema converts its messages): a
   * column added to one table while the job runs takes values in that table once it has been there
   * a refresh period, while the other table, which still lacks it, keeps dead-lettering the field.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aColumnAddedToOneRoutedTableTakesValuesThereFromThenOn(
      boolean atLeastOnce, PubsubEmulator emulator) throws Exception {
    FollowingRun following =
        new FollowingRun("routed-follow", atLeastOnce, emulator).routedByAttribute("kind");
    String altered = following.table() + "_a";
    String unaltered = following.table() + "_b";
    following.createRoutedTables("a", "b");

    // Before: to each table, 2 messages without the field and 2 with it (dead letters).
    List<OutgoingMessage> before = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      before.add(
          following.routedTo(
              message(i, i % 4 < 2 ? null : "web-" + i, false), i % 2 == 0 ? "a" : "b"));
    }
    List<OutgoingMessage> ticks = new ArrayList<>();
    for (int i = 8; i < 12; i++) {
      ticks.add(following.routedTo(message(i, null, false), i % 2 == 0 ? "a" : "b"));
    }
    // Once the column has settled in table a: 3 with it to each table.
    List<OutgoingMessage> after = new ArrayList<>();
    for (int i = 12; i < 18; i++) {
      after.add(following.routedTo(message(i, "app-" + i, false), i % 2 == 0 ? "a" : "b"));
    }
    int sent = before.size() + ticks.size() + after.size();

    RecordCounts counts = runInPhases(following, altered, before, ticks, after);
    TemplateRun result = following.result(dir);

    assertEquals(
        Map.of(0, "", 4, "", 8, "", 10, "", 12, "app-12", 14, "app-14", 16, "app-16"),
        channels(result.rows(altered)),
        result.console);
    assertEquals(
        Map.of(1, "", 5, "", 9, "", 11, ""), channels(result.rows(unaltered)), result.console);
    Map<Integer, String> deadLetters = new TreeMap<>();
    for (JsonNode deadLetter : result.rows(following.table() + "_error_records")) {
      deadLetters.put(
          FollowingRun.messageNumber(deadLetter), deadLetter.get("errorMessage").asText());
      assertEquals("CONVERT", deadLetter.get("stage").asText(), deadLetter.toString());
      assertTrue(
          deadLetter.get("errorMessage").asText().contains("channel"), deadLetter.toString());
    }
    assertEquals(List.of(2, 3, 6, 7, 13, 15, 17), List.copyOf(deadLetters.keySet()));
    assertEquals(sent, 11 + deadLetters.size(), "read = written + dead-lettered");
    assertEquals(sent, counts.read(), result.console);
    assertTrue(counts.balanced(), result.console);
  }

  /**
   * Runs the job, publishing {@code before} once it has started, then adding the channel column to
   * {@code altered} and publishing the ticks in two rounds and {@code after}, each once the last
   * has settled ({@link Phases}).
   */
  private RecordCounts runInPhases(
      FollowingRun following,
      String altered,
      List<OutgoingMessage> before,
      List<OutgoingMessage> ticks,
      List<OutgoingMessage> after)
      throws Exception {
    Phases phases =
        new Phases(
            following,
            altered,
            before.size(),
            List.of(ticks.subList(0, 2), ticks.subList(2, 4), after),
            following.refreshPeriod().plus(SETTLE_AFTER_PERIOD));
    return following
        .localRun(
            dir,
            before,
            (now, bigQuery, tables) ->
                LocalRun.accountedFor(phases.published()).test(now, bigQuery, tables)
                    && phases.next())
        .execute()
        .counts();
  }

  /** Each row's message number and channel ("" for none). */
  private static Map<Integer, String> channels(List<JsonNode> rows) {
    Map<Integer, String> channels = new TreeMap<>();
    for (JsonNode row : rows) {
      JsonNode channel = row.get("channel");
      channels.put(
          row.get("n").asInt(), channel == null || channel.isNull() ? "" : channel.asText());
    }
    return channels;
  }

  /**
   * What the test does between progress reports, once all that was published is in a table: first
   * the column is added and the first batch published; then each next batch once the last has been
   * in a table for {@code settle}. Two rounds of ticks make sure the converter has read the new
   * column at least a refresh period before the last batch comes, whenever its reads fell.
   */
  private static final class Phases {
    private final FollowingRun following;
    private final String altered;
    private final List<List<OutgoingMessage>> batches;
    private final Duration settle;
    private int next;
    private int published;
    private long lastInAt;

    /**
     * @param altered the table that gains the channel column
     */
    Phases(
        FollowingRun following,
        String altered,
        int publishedBefore,
        List<List<OutgoingMessage>> batches,
        Duration settle) {
      this.following = following;
      this.altered = altered;
      this.published = publishedBefore;
      this.batches = batches;
      this.settle = settle;
    }

    int published() {
      return published;
    }

    /** Moves on once what was published is accounted for; true when nothing is left to do. */
    boolean next() throws IOException, InterruptedException {
      if (next == batches.size()) {
        return true;
      }
      if (next == 0) {
        addChannelColumn();
      } else {
        if (lastInAt == 0) {
          lastInAt = System.nanoTime();
        }
        if (System.nanoTime() - lastInAt < settle.toNanos()) {
          return false;
        }
      }
      following.publish(batches.get(next));
      published += batches.get(next).size();
      next++;
      lastInAt = 0;
      return false;
    }

    private void addChannelColumn() throws IOException {
      TableReference ref = BigQueryHelpers.parseTableSpec(altered);
      TableSchema schema =
          BigQuerySchemas.parse(Files.readString(FollowingRun.schemaFile()), "test");
      schema.getFields().add(new TableFieldSchema().setName("channel").setType("STRING"));
      new FakeDatasetService().updateTableSchema(ref, schema);
    }
  }

  /** Message {@code n}, with a channel field when one is given and a device field if asked. */
  private static OutgoingMessage message(int n, String channel, boolean device) {
    StringBuilder json = new StringBuilder("{\"event_id\":\"e-" + n + "\",\"n\":" + n);
    if (channel != null) {
      json.append(",\"channel\":\"").append(channel).append('"');
    }
    if (device) {
      json.append(",\"device\":\"phone\"");
    }
    return OutgoingMessage.utf8(json.append('}').toString(), Map.of("n", "" + n));
  }
}
