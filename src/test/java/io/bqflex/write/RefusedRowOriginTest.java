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

    TableRow kept = new RefusedRowOrigin.Keep().apply(OutputRow.of(ROW, record));

    assertEquals(Map.of("p", "a,b", "s", "gs://b/f.csv", "n", 3L), Map.copyOf(kept));
    assertTrue(kept.getUnknownKeys().keySet().stream().noneMatch("id"::equals));
  }

  /** The record kept, encoded and decoded as BigQueryIO does, then made a dead letter. */
  private static FailedRecord throughBeam(SourceRecord record) throws Exception {
    TableRow kept = new RefusedRowOrigin.Keep().apply(OutputRow.of(ROW, record));
    TableRow decoded =
        CoderUtils.decodeFromByteArray(
            TableRowJsonCoder.of(), CoderUtils.encodeToByteArray(TableRowJsonCoder.of(), kept));
    return RefusedRowOrigin.deadLetter(decoded, "refused", "p:d.t");
  }
}
