package io.bqflex.bench;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.rows.AvroRowConverter;
import io.bqflex.rows.AvroTableSchemas;
import io.bqflex.rows.DecimalTargetTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Avro record to a row: decoded from Avro's binary encoding by GenericDatumReader and converted
 * by ours (checked, canonical values), against the decoding alone. The ratio says how much of the
 * reader's rate is left once every value is converted; it is below 1 by construction.
 *
 * <p>The records are the benchmark's order table as Avro would carry it: a long id, a
 * timestamp-micros, a decimal(10, 2), a date, a nullable note and a nested shipping record.
 */
@State(Scope.Thread)
public class AvroToRowBenchmark {
  private static final int RECORDS = 1024;

  static final Schema ORDER =
      new Schema.Parser()
          .parse(
              "{\"type\": \"record\", \"name\": \"Order\", \"namespace\": \"shop\", \"fields\": ["
                  + "{\"name\": \"id\", \"type\": \"long\"},"
                  + "{\"name\": \"customer\", \"type\": \"string\"},"
                  + "{\"name\": \"amount\", \"type\": {\"type\": \"bytes\", \"logicalType\":"
                  + " \"decimal\", \"precision\": 10, \"scale\": 2}},"
                  + "{\"name\": \"ordered_at\", \"type\": {\"type\": \"long\", \"logicalType\":"
                  + " \"timestamp-micros\"}},"
                  + "{\"name\": \"paid\", \"type\": \"boolean\"},"
                  + "{\"name\": \"delivery_date\", \"type\": {\"type\": \"int\", \"logicalType\":"
                  + " \"date\"}},"
                  + "{\"name\": \"score\", \"type\": \"double\"},"
                  + "{\"name\": \"quantity\", \"type\": \"int\"},"
                  + "{\"name\": \"shipping\", \"type\": {\"type\": \"record\", \"name\":"
                  + " \"Shipping\", \"fields\": [{\"name\": \"country\", \"type\": \"string\"},"
                  + " {\"name\": \"express\", \"type\": \"boolean\"}]}},"
                  + "{\"name\": \"note\", \"type\": [\"null\", \"string\"]}]}");

  private static final String[] CUSTOMERS = {
    "Ada Lovelace", "Grace Hopper", "Smith, John", "Alan Turing", "Katherine Johnson",
    "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Margaret Hamilton", "Ken Thompson"
  };
  private static final String[] COUNTRIES = {"DE", "FR", "US", "JP", "BR", "IN", "GB", "NL"};
  private static final String[] NOTES = {
    null, null, null, "Gift wrap", "Leave at the door, please", "Call before delivery", null
  };

  private byte[][] encoded;
  private int next;
  private GenericDatumReader<GenericRecord> reader;
  private BinaryDecoder decoder;
  private AvroRowConverter ours;

  @Setup
  public void setUp() throws IOException {
    encoded = encodedOrders(RECORDS);
    reader = new GenericDatumReader<>(ORDER);
    ours =
        new AvroRowConverter(
            AvroTableSchemas.toTableSchema(ORDER, DecimalTargetTypes.defaults()),
            DecimalTargetTypes.defaults(),
            false);
  }

  /** Avro's own decoding, as a file reader does per record: no row, no checks. */
  @Benchmark
  public GenericRecord avroReader() throws IOException {
    return decodeNext();
  }

  /** The same decoding, then our conversion to a checked, canonical TableRow. */
  @Benchmark
  public TableRow ours() throws IOException, RecordException {
    return ours.toRow(decodeNext());
  }

  private GenericRecord decodeNext() throws IOException {
    byte[] bytes = encoded[next];
    next = next + 1 == encoded.length ? 0 : next + 1;
    decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
    return reader.read(null, decoder);
  }

  /** {@code count} order records in Avro's binary encoding; a fixed seed, the same every run. */
  static byte[][] encodedOrders(int count) throws IOException {
    Random random = new Random(20261202L);
    Schema shipping = ORDER.getField("shipping").schema();
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(ORDER);
    byte[][] records = new byte[count][];
    BinaryEncoder encoder = null;
    for (int i = 0; i < count; i++) {
      GenericRecord order = new GenericData.Record(ORDER);
      order.put("id", (long) i + 1);
      order.put("customer", CUSTOMERS[random.nextInt(CUSTOMERS.length)]);
      BigDecimal amount = BigDecimal.valueOf(random.nextInt(10_000_000), 2);
      order.put("amount", ByteBuffer.wrap(amount.unscaledValue().toByteArray()));
      // November 2026, to the microsecond.
      order.put("ordered_at", 1_793_491_200_000_000L + (long) (random.nextDouble() * 2_592_000e6));
      order.put("paid", random.nextBoolean());
      order.put("delivery_date", 20_788 + random.nextInt(28));
      order.put("score", Math.round(random.nextDouble() * 100_000) / 1000.0);
      order.put("quantity", 1 + random.nextInt(20));
      GenericRecord ship = new GenericData.Record(shipping);
      ship.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
      ship.put("express", random.nextInt(5) == 0);
      order.put("shipping", ship);
      order.put("note", NOTES[random.nextInt(NOTES.length)]);
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      encoder = EncoderFactory.get().binaryEncoder(out, encoder);
      writer.write(order, encoder);
      encoder.flush();
      records[i] = out.toByteArray();
    }
    return records;
  }
}
