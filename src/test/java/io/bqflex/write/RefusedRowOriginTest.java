package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.OutputRow;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * What a row keeps of its record for the Storage Write API's failure path, and the dead letter made
 * of it after BigQueryIO has carried it through its JSON coder, as it does.
 */
class RefusedRowOriginTest {
  private static final TableRow ROW = new TableRow().set("id", "x");

  @Test
  void fileRecordComesBackWithItsLineFileAndNumber() throws Exception {
    SourceRecord record = SourceRecord.fromFile("{\"id\": \"x\"}", "gs://b/events.json", 7);

    FailedRecord failed = throughBeam(record);

    assertEquals("{\"id\": \"x\"}", failed.payloadString());
    assertArrayEquals("{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8), failed.payloadBytes());
    assertEquals("gs://b/events.json", failed.source());
    assertEquals(7, failed.recordNumber());
    assertNull(failed.messageId());
    assertNull(failed.attributes());
    assertEquals(Stage.WRITE, failed.stage());
    assertEquals("refused", failed.errorMessage());
  }

  @Test
  void fileRecordDecodedFromAnotherCharsetKeepsItsOriginalBytes() throws Exception {
    byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    SourceRecord record = SourceRecord.fromFile("caf\u00e9", latin1, "gs://b/latin1.csv", 2);

    FailedRecord failed = throughBeam(record);

    assertEquals("caf\u00e9", failed.payloadString());
    assertArrayEquals(latin1, failed.payloadBytes());
  }

  @Test
  void messageComesBackWithItsBytesIdAndAttributes() throws Exception {
    byte[] payload = "{\"id\":\"\u540d\"}".getBytes(StandardCharsets.UTF_8);
    SourceRecord record =
        SourceRecord.fromMessage(
            payload, "projects/p/subscriptions/s", "m-42", Map.of("origin", "shop", "n", "1"), 5L);

    FailedRecord failed = throughBeam(record);

    assertEquals("{\"id\":\"\u540d\"}", failed.payloadString());
    assertArrayEquals(payload, failed.payloadBytes());
    assertEquals("projects/p/subscriptions/s", failed.source());
    assertEquals(0, failed.recordNumber());
    assertEquals("m-42", failed.messageId());
    assertEquals(Map.of("origin", "shop", "n", "1"), failed.attributes());
  }

  @Test
  void messageThatIsNotUtf8KeepsItsBytesAndNoText() throws Exception {
    byte[] payload = {(byte) 0xff, 'a', (byte) 0xc3};
    SourceRecord record = SourceRecord.fromMessage(payload, "projects/p/topics/t", "m-1", null, 1L);

    FailedRecord failed = throughBeam(record);

    assertNull(failed.payloadString());
    assertArrayEquals(payload, failed.payloadBytes());
  }

  @Test
  void keptRowHoldsNeitherTheConvertedRowNorTheUdfOutput() {
    SourceRecord record =
        SourceRecord.fromFile("a,b", "gs://b/f.csv", 3).withUdfOutput("{\"id\":\"x\"}");

    TableRow kept = RefusedRowOrigin.Keep.wholeRecords().apply(OutputRow.of(ROW, record));

    assertEquals(Map.of("p", "a,b", "s", "gs://b/f.csv", "n", 3L), Map.copyOf(kept));
    assertTrue(kept.getUnknownKeys().keySet().stream().noneMatch("id"::equals));
  }

  /** The record kept, encoded and decoded as BigQueryIO does, then made a dead letter. */
  private static FailedRecord throughBeam(SourceRecord record) throws Exception {
    TableRow kept = RefusedRowOrigin.Keep.wholeRecords().apply(OutputRow.of(ROW, record));
    TableRow decoded =
        CoderUtils.decodeFromByteArray(
            TableRowJsonCoder.of(), CoderUtils.encodeToByteArray(TableRowJsonCoder.of(), kept));
    return RefusedRowOrigin.deadLetter(decoded, "refused");
  }

  @Test
  void fileRecordKeepsOnlyItsPositionWhenItCanBeReadAgain() throws Exception {
    SourceRecord record = SourceRecord.fromFile("{\"id\": \"x\"}", "gs://b/events.json", 7);

    Map<String, Object> kept = throughCoder(RefusedRowOrigin.Keep.filePositions(), record);

    assertEquals(Set.of("s", "n", "h"), kept.keySet());
    RefusedFileRecord position = RefusedRowOrigin.positionOf(kept, "refused");
    assertEquals("gs://b/events.json", position.source());
    assertEquals(7, position.recordNumber());
    assertNull(
        RefusedRowOrigin.positionOf(
            throughCoder(RefusedRowOrigin.Keep.wholeRecords(), record), "refused"));
  }

  @Test
  void messageKeepsItsPayloadEvenWhereFileRecordsKeepTheirPosition() throws Exception {
    byte[] payload = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    SourceRecord record =
        SourceRecord.fromMessage(payload, "projects/p/subscriptions/s", "m-42", null, 5L);

    Map<String, Object> kept = throughCoder(RefusedRowOrigin.Keep.filePositions(), record);

    assertNull(RefusedRowOrigin.positionOf(kept, "refused"));
    assertEquals("{\"id\":\"x\"}", RefusedRowOrigin.deadLetter(kept, "refused").payloadString());
  }

  @Test
  void recordReadAgainBecomesTheDeadLetterWithItsOriginalBytes() throws Exception {
    byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    SourceRecord record = SourceRecord.fromFile("caf\u00e9", latin1, "gs://b/latin1.csv", 2);
    RefusedFileRecord position = positionOf(record);

    FailedRecord failed = RefusedRowOrigin.deadLetter(position, record, null);

    assertEquals("caf\u00e9", failed.payloadString());
    assertArrayEquals(latin1, failed.payloadBytes());
    assertEquals("gs://b/latin1.csv", failed.source());
    assertEquals(2, failed.recordNumber());
    assertEquals(Stage.WRITE, failed.stage());
    assertEquals("refused", failed.errorMessage());
  }

  @Test
  void anotherRecordAtThatNumberIsNotPassedOffAsThePayload() throws Exception {
    RefusedFileRecord position = positionOf(SourceRecord.fromFile("a,1", "gs://b/f.csv", 4));

    FailedRecord failed =
        RefusedRowOrigin.deadLetter(
            position, SourceRecord.fromFile("a,2", "gs://b/f.csv", 4), null);

    assertEquals("", failed.payloadString());
    assertEquals(0, failed.payloadBytes().length);
    assertEquals("gs://b/f.csv", failed.source());
    assertEquals(4, failed.recordNumber());
    assertEquals(
        "refused; its payload could not be read again: the file's record 4 changed since it was"
            + " read",
        failed.errorMessage());
  }

  @Test
  void recordTheFileNoLongerHasIsADeadLetterThatSaysSo() throws Exception {
    RefusedFileRecord position = positionOf(SourceRecord.fromFile("a,1", "gs://b/f.csv", 9));

    assertTrue(
        RefusedRowOrigin.deadLetter(position, null, null)
            .errorMessage()
            .endsWith("the file no longer has a record 9"));
    assertTrue(
        RefusedRowOrigin.deadLetter(position, null, "the file could not be read again: gone")
            .errorMessage()
            .endsWith("the file could not be read again: gone"));
  }

  private static RefusedFileRecord positionOf(SourceRecord record) throws Exception {
    return RefusedRowOrigin.positionOf(
        throughCoder(RefusedRowOrigin.Keep.filePositions(), record), "refused");
  }

  /** What {@code keep} keeps of the record, encoded and decoded as BigQueryIO does. */
  private static Map<String, Object> throughCoder(RefusedRowOrigin.Keep keep, SourceRecord record)
      throws Exception {
    TableRow kept = keep.apply(OutputRow.of(ROW, record));
    return CoderUtils.decodeFromByteArray(
        TableRowJsonCoder.of(), CoderUtils.encodeToByteArray(TableRowJsonCoder.of(), kept));
  }
}
