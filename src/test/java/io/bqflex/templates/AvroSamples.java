package io.bqflex.templates;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/**
 * Writes the sample Avro files of gcs-avro-to-bigquery (templates/gcs-avro-to-bigquery/samples),
 * made up here: three months of a shop's orders. The last file's schema is the table's; November's
 * lacks the {@code note} field (it resolves: the field has a default); October's names the customer
 * {@code customer_id} (it does not resolve: its records go to the dead-letter table). Each file has
 * a fixed sync marker, so the files are the same bytes every time they are written.
 *
 * <p>Written by {@link #main} (run it from the test classpath, in the project folder); {@code
 * GcsAvroToBigQueryTest} checks that the committed files are its output.
 */
public final class AvroSamples {
  static final Path DIR = Path.of("templates", "gcs-avro-to-bigquery", "samples");

  private AvroSamples() {}

  public static void main(String[] args) throws IOException {
    for (Map.Entry<String, byte[]> file : files().entrySet()) {
      Files.write(DIR.resolve(file.getKey()), file.getValue());
    }
  }

  /** Each sample file's name and bytes. */
  static Map<String, byte[]> files() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "orders-2026-10.avro",
        avro(
            "orders-2026-10.avro",
            october(),
            CodecFactory.deflateCodec(6),
            List.of(
                octoberOrder(1001, 17, "12.50", "2026-10-03T09:15:00Z"),
                octoberOrder(1002, 23, "7.25", "2026-10-18T17:40:00Z"))));
    files.put(
        "orders-2026-11.avro",
        avro(
            "orders-2026-11.avro",
            withoutNote(),
            CodecFactory.snappyCodec(),
            List.of(
                order(withoutNote(), 1101, "Zoë", "23.90", "2026-11-02T08:00:00Z", "PAID", null),
                order(
                    withoutNote(),
                    1102,
                    "東京商店",
                    "150.00",
                    "2026-11-20T12:30:00Z",
                    "SHIPPED",
                    null))));
    files.put(
        "orders-2026-12.avro",
        avro(
            "orders-2026-12.avro",
            table(),
            CodecFactory.zstandardCodec(3),
            List.of(
                order(table(), 1201, "Ada", "99.99", "2026-12-01T10:05:00Z", "PAID", "gift wrap"),
                order(table(), 1202, "Bo", "0.50", "2026-12-01T23:59:59Z", "CANCELLED", null),
                order(table(), 1203, "Cy", "1234567.89", "2026-12-02T06:00:00Z", "PAID", null))));
    return files;
  }

  private static Schema amount() {
    return LogicalTypes.decimal(11, 2).addToSchema(Schema.create(Schema.Type.BYTES));
  }

  private static Schema timestamp() {
    return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
  }

  private static Schema items() {
    return SchemaBuilder.array()
        .items(
            SchemaBuilder.record("Item")
                .namespace("shop")
                .fields()
                .requiredString("sku")
                .requiredInt("quantity")
                .endRecord());
  }

  private static SchemaBuilder.FieldAssembler<Schema> common(
      SchemaBuilder.FieldAssembler<Schema> fields) {
    return fields
        .name("amount")
        .type(amount())
        .noDefault()
        .name("ordered_at")
        .type(timestamp())
        .noDefault()
        .name("status")
        .type()
        .enumeration("Status")
        .namespace("shop")
        .symbols("PAID", "SHIPPED", "CANCELLED")
        .noDefault()
        .name("items")
        .type(items())
        .noDefault();
  }

  /** December's schema, the table's. */
  static Schema table() {
    return common(
            SchemaBuilder.record("Order")
                .namespace("shop")
                .fields()
                .requiredLong("order_id")
                .requiredString("customer"))
        .optionalString("note")
        .endRecord();
  }

  private static Schema withoutNote() {
    return common(
            SchemaBuilder.record("Order")
                .namespace("shop")
                .fields()
                .requiredLong("order_id")
                .requiredString("customer"))
        .endRecord();
  }

  /** October's schema, which does not resolve against the table's. */
  static Schema october() {
    return common(
            SchemaBuilder.record("Order")
                .namespace("shop")
                .fields()
                .requiredLong("order_id")
                .requiredInt("customer_id"))
        .endRecord();
  }

  private static GenericRecord order(
      Schema schema,
      long id,
      String customer,
      String amount,
      String orderedAt,
      String status,
      String note) {
    GenericRecordBuilder order =
        new GenericRecordBuilder(schema).set("order_id", id).set("customer", customer);
    if (schema.getField("note") != null) {
      order.set("note", note);
    }
    return filled(order, schema, amount, orderedAt, status).build();
  }

  private static GenericRecord octoberOrder(
      long id, int customerId, String amount, String orderedAt) {
    Schema schema = october();
    return filled(
            new GenericRecordBuilder(schema).set("order_id", id).set("customer_id", customerId),
            schema,
            amount,
            orderedAt,
            "PAID")
        .build();
  }

  private static GenericRecordBuilder filled(
      GenericRecordBuilder order, Schema schema, String amount, String orderedAt, String status) {
    Schema item = schema.getField("items").schema().getElementType();
    return order
        .set(
            "amount",
            new Conversions.DecimalConversion()
                .toBytes(new BigDecimal(amount), amount(), amount().getLogicalType()))
        .set("ordered_at", ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(orderedAt)))
        .set("status", new GenericData.EnumSymbol(schema.getField("status").schema(), status))
        .set(
            "items",
            List.of(
                new GenericRecordBuilder(item)
                    .set("sku", "SKU-" + amount)
                    .set("quantity", 1)
                    .build()));
  }

  private static byte[] avro(
      String name, Schema schema, CodecFactory codec, List<GenericRecord> records)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.setCodec(codec);
      writer.create(schema, out, syncMarker(name));
      for (GenericRecord record : records) {
        writer.append(record);
      }
    }
    return out.toByteArray();
  }

  /** A sync marker made from the file's name: the same file, the same bytes. */
  private static byte[] syncMarker(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
