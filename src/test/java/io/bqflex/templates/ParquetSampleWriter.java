package io.bqflex.templates;

import io.bqflex.read.ParquetTestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes the sample of gcs-parquet-to-bigquery ({@code
 * templates/gcs-parquet-to-bigquery/samples/orders.parquet}): six orders in the column types a shop
 * export has, SNAPPY-compressed, in two row groups. Its main, run from the project's root on the
 * test classpath, writes the file again; GcsParquetToBigQueryTest checks that the file holds what
 * this class writes.
 */
public final class ParquetSampleWriter {
  static final MessageType ORDERS =
      MessageTypeParser.parseMessageType(
          "message order {\n"
              + "  required binary order_id (STRING);\n"
              + "  required int64 ordered_at (TIMESTAMP(MICROS,true));\n"
              + "  required int32 delivery_date (DATE);\n"
              + "  required int64 quantity;\n"
              + "  optional int32 amount (DECIMAL(9,2));\n"
              + "  optional double discount;\n"
              + "  optional boolean gift;\n"
              + "  optional group tags (LIST) {\n"
              + "    repeated group list {\n"
              + "      optional binary element (STRING);\n"
              + "    }\n"
              + "  }\n"
              + "  optional group customer {\n"
              + "    required binary name (STRING);\n"
              + "    optional binary country (STRING);\n"
              + "  }\n"
              + "}\n");

  private ParquetSampleWriter() {}

  public static void main(String[] args) throws IOException {
    write(Path.of("templates/gcs-parquet-to-bigquery/samples/orders.parquet"));
  }

  static Path write(Path file) throws IOException {
    return ParquetTestFiles.write(file, ORDERS, CompressionCodecName.SNAPPY, 3, orders());
  }

  static List<Group> orders() {
    return orders(ORDERS);
  }

  /** The sample's orders in {@code schema}, which has at least the sample's columns. */
  static List<Group> orders(MessageType schema) {
    String[][] customers = {
      {"Ana Souza", "BR"}, {"Kenji Sato", "JP"}, {"Léa Martin", "FR"},
      {"Ola Nordmann", null}, {"Amina Bello", "NG"}, {"Sam Lee", "US"}
    };
    List<Group> orders = new ArrayList<>();
    Instant start = Instant.parse("2026-11-30T09:15:00Z");
    for (int n = 1; n <= customers.length; n++) {
      Group row = new SimpleGroupFactory(schema).newGroup();
      row.add("order_id", String.format("ord-%04d", 1000 + n));
      Instant at = start.plusSeconds(3_607L * n);
      row.add("ordered_at", at.getEpochSecond() * 1_000_000L);
      row.add("delivery_date", (int) LocalDate.of(2026, 12, 2 + n).toEpochDay());
      row.add("quantity", (long) n);
      row.add("amount", 1999 * n);
      if (n % 2 == 0) {
        row.add("discount", 0.1 * n);
      }
      row.add("gift", n % 3 == 0);
      Group tags = row.addGroup("tags");
      for (int t = 0; t < n % 3; t++) {
        tags.addGroup("list").add("element", t == 0 ? "express" : "fragile");
      }
      Group customer = row.addGroup("customer");
      customer.add("name", customers[n - 1][0]);
      if (customers[n - 1][1] != null) {
        customer.add("country", customers[n - 1][1]);
      }
      orders.add(row);
    }
    return orders;
  }
}
