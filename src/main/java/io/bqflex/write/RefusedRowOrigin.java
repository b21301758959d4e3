package io.bqflex.write;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.OutputRow;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.SourceRecordCoder;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * What a row keeps of its record while the Storage Write API may still refuse it, and the dead
 * letter made of that when it does.
 *
 * <p>BigQueryIO hands back a refused row as the TableRow its failure function made for it ({@code
 * withFormatRecordOnFailureFunction}), and it makes and JSON-encodes that TableRow for every row,
 * refused or not (exactly-once writes shuffle it too). So the kept row is as cheap to encode as the
 * dead letter allows: one value, the record's own coder bytes ({@link SourceRecordCoder}: payload,
 * source, record number, message id, attributes), which Beam's JSON coder writes as base64.
 * Measured on the benchmark's JSON lines, that costs half of what the same fields as separate JSON
 * values did (Jackson's per-entry work and the escaping of a JSON payload's quotes dominate; base64
 * does neither). Not the converted row: the payload is what the user replays, and it is what every
 * other dead letter holds.
 */
public final class RefusedRowOrigin {
  private static final String RECORD = "r";

  private RefusedRowOrigin() {}

  /** BigQueryIO's failure function: the kept form of a row that carries its record. */
  public static final class Keep implements SerializableFunction<OutputRow, TableRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public TableRow apply(OutputRow output) {
      try {
        return new TableRow()
            .set(RECORD, CoderUtils.encodeToByteArray(SourceRecordCoder.of(), output.record()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode the record of " + output, e);
      }
    }
  }

  /**
   * The dead letter of a refused row from what it kept, after BigQueryIO's JSON coder has made the
   * bytes base64 text.
   */
  static FailedRecord deadLetter(Map<String, Object> kept, String reason) throws IOException {
    Object value = kept.get(RECORD);
    byte[] bytes =
        value instanceof byte[] raw ? raw : Base64.getDecoder().decode(String.valueOf(value));
    SourceRecord record = CoderUtils.decodeFromByteArray(SourceRecordCoder.of(), bytes);
    return FailedRecord.of(record, Stage.WRITE, reason, null);
  }
}
