package io.bqflex.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.api.services.bigquery.model.TableRow;
import java.util.Map;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class OutputRowCoderTest {
  private static TableRow row() {
    TableRow row = new TableRow();
    row.getUnknownKeys().put("id", "x");
    // A column named f, which Beam's own TableRow coder cannot read back.
    row.getUnknownKeys().put("f", "1.5");
    return row;
  }

  @Test
  void rowWithItsMessageRoundTrips() throws Exception {
    OutputRow output =
        OutputRow.of(
            row(),
            SourceRecord.fromMessage(
                new byte[] {(byte) 0xff, 1}, "projects/p/topics/t", "m", Map.of("k", "v"), 9L));

    assertSameContent(output, roundTrip(output));
  }

  @Test
  void rowOfATypedFileRoundTripsWithoutARecord() throws Exception {
    OutputRow output = OutputRow.fromTypedFile(row(), "gs://b/x.avro", 12);

    OutputRow back = roundTrip(output);

    assertSameContent(output, back);
    assertNull(back.record());
    assertEquals("gs://b/x.avro", back.source());
    assertEquals(12, back.recordNumber());
  }

  @Test
  void theTableARowGoesToRoundTripsWithIt() throws Exception {
    OutputRow routed =
        OutputRow.of(row(), SourceRecord.fromFile("{\"a\":1}", "gs://b/f.json", 3))
            .toTable("p:d.events_click");
    OutputRow typed = OutputRow.fromTypedFile(row(), "gs://b/x.avro", 12).toTable("p:d.t_1");

    assertEquals("p:d.events_click", roundTrip(routed).table());
    assertEquals(routed.record(), roundTrip(routed).record());
    assertEquals("p:d.t_1", roundTrip(typed).table());
    assertEquals(12, roundTrip(typed).recordNumber());
    assertNull(roundTrip(OutputRow.fromTypedFile(row(), "gs://b/x.avro", 12)).table());
  }

  @Test
  void theUdfOutputIsNotCarriedToTheWriter() {
    SourceRecord record =
        SourceRecord.fromFile("{\"a\":1}", "gs://b/f.json", 1).withUdfOutput("{\"a\":2}");

    OutputRow output = OutputRow.of(row(), record);

    assertNull(output.record().udfOutput());
    assertEquals("{\"a\":1}", output.record().decodedText());
  }

  private static void assertSameContent(OutputRow expected, OutputRow actual) {
    assertEquals(expected.row().getUnknownKeys(), actual.row().getUnknownKeys());
    assertEquals(expected.record(), actual.record());
    assertEquals(expected.source(), actual.source());
    assertEquals(expected.recordNumber(), actual.recordNumber());
    assertEquals(expected.table(), actual.table());
  }

  private static OutputRow roundTrip(OutputRow output) throws Exception {
    return CoderUtils.decodeFromByteArray(
        OutputRowCoder.of(), CoderUtils.encodeToByteArray(OutputRowCoder.of(), output));
  }
}
