package io.bqflex.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQuerySchemas;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The benchmark's input: rows of a realistic ten-column order table, the same rows as CSV records
 * and as JSON lines. Deterministic (a fixed seed), so every run converts the same text.
 *
 * <p>About one CSV record in five holds a quoted value (a comma in a name or note), so the CSV
 * figures include the quoted path, not only plain splitting.
 */
final class BenchRows {
  static final String SCHEMA_JSON =
      "[{\"name\": \"id\", \"type\": \"INT64\", \"mode\": \"REQUIRED\"},"
          + " {\"name\": \"customer\", \"type\": \"STRING\"},"
          + " {\"name\": \"amount\", \"type\": \"NUMERIC\"},"
          + " {\"name\": \"ordered_at\", \"type\": \"TIMESTAMP\"},"
          + " {\"name\": \"paid\", \"type\": \"BOOL\"},"
          + " {\"name\": \"delivery_date\", \"type\": \"DATE\"},"
          + " {\"name\": \"score\", \"type\": \"FLOAT64\"},"
          + " {\"name\": \"quantity\", \"type\": \"INT64\"},"
          + " {\"name\": \"country\", \"type\": \"STRING\"},"
          + " {\"name\": \"note\", \"type\": \"STRING\"}]";

  static final String CSV_HEADER =
      "id,customer,amount,ordered_at,paid,delivery_date,score,quantity,country,note";

  private static final JsonFactory JSON = new JsonFactory();
  private static final String[] CUSTOMERS = {
    "Ada Lovelace", "Grace Hopper", "Smith, John", "Alan Turing", "Katherine Johnson",
    "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Margaret Hamilton", "Ken Thompson"
  };
  private static final String[] COUNTRIES = {"DE", "FR", "US", "JP", "BR", "IN", "GB", "NL"};
  private static final String[] NOTES = {
    "", "", "", "Gift wrap", "Leave at the door, please", "Call before delivery", "", ""
  };

  /** Notes of two lines, for the split benchmark's CSV file: a line break inside quotes. */
  private static final String[] MULTILINE_NOTES = {
    "Leave at the door,\nthen ring twice", "Fragile:\nglass inside", "Gate code 4711\nsecond floor"
  };

  private final Random random = new Random(20261201L);
  private long nextId = 1;

  static TableSchema schema() {
    return BigQuerySchemas.parse(SCHEMA_JSON, "benchmark schema");
  }

  /** The next {@code count} rows as CSV records (no header). */
  String[] csvRecords(int count) {
    String[] records = new String[count];
    for (int i = 0; i < count; i++) {
      records[i] = next().toCsv();
    }
    return records;
  }

  /**
   * The next row as a CSV record in which every fifth row's note spans two lines (quoted, with a
   * line feed inside): the split benchmark's CSV, where a record's start depends on the quotes
   * before it.
   */
  String nextCsvWithLineBreaks() {
    Row row = next();
    if (row.id() % 5 == 0) {
      row = row.withNote(MULTILINE_NOTES[(int) (row.id() / 5 % MULTILINE_NOTES.length)]);
    }
    return row.toCsv();
  }

  /** The next row as a JSON line. */
  String nextJsonLine() {
    return next().toJson();
  }

  /** The next {@code count} rows as JSON lines. */
  String[] jsonLines(int count) {
    String[] lines = new String[count];
    for (int i = 0; i < count; i++) {
      lines[i] = next().toJson();
    }
    return lines;
  }

  /**
   * Writes {@code count} rows to {@code csv} (with a header) and the same rows to {@code json}, and
   * the schema to {@code schema}.
   */
  static void writeFiles(int count, Path csv, Path json, Path schema) throws IOException {
    Files.writeString(schema, SCHEMA_JSON, StandardCharsets.UTF_8);
    BenchRows rows = new BenchRows();
    try (BufferedWriter csvOut = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        BufferedWriter jsonOut = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
      csvOut.write(CSV_HEADER);
      csvOut.newLine();
      for (int i = 0; i < count; i++) {
        Row row = rows.next();
        csvOut.write(row.toCsv());
        csvOut.newLine();
        jsonOut.write(row.toJson());
        jsonOut.newLine();
      }
    }
  }

  private Row next() {
    int day = 1 + random.nextInt(28);
    String time =
        String.format("%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
    // Both of BigQuery's common TIMESTAMP spellings, as exports from different systems mix them.
    String orderedAt =
        random.nextInt(4) == 0
            ? "2026-11-" + twoDigits(day) + " " + time + " UTC"
            : "2026-11-" + twoDigits(day) + "T" + time + "Z";
    return new Row(
        nextId++,
        CUSTOMERS[random.nextInt(CUSTOMERS.length)],
        random.nextInt(100_000) / 100 + "." + twoDigits(random.nextInt(100)),
        orderedAt,
        random.nextBoolean(),
        "2026-12-" + twoDigits(1 + random.nextInt(28)),
        Math.round(random.nextDouble() * 100_000) / 1000.0,
        1 + random.nextInt(20),
        COUNTRIES[random.nextInt(COUNTRIES.length)],
        NOTES[random.nextInt(NOTES.length)]);
  }

  private static String twoDigits(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }

  private record Row(
      long id,
      String customer,
      String amount,
      String orderedAt,
      boolean paid,
      String deliveryDate,
      double score,
      int quantity,
      String country,
      String note) {

    Row withNote(String other) {
      return new Row(
          id, customer, amount, orderedAt, paid, deliveryDate, score, quantity, country, other);
    }

    String toCsv() {
      return String.join(
          ",",
          Long.toString(id),
          csvValue(customer),
          amount,
          orderedAt,
          Boolean.toString(paid),
          deliveryDate,
          Double.toString(score),
          Integer.toString(quantity),
          country,
          csvValue(note));
    }

    private static String csvValue(String value) {
      boolean plain =
          value.indexOf(',') < 0
              && value.indexOf('"') < 0
              && value.indexOf('\n') < 0
              && value.indexOf('\r') < 0;
      return plain ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

    String toJson() {
      StringWriter out = new StringWriter(256);
      try (JsonGenerator gen = JSON.createGenerator(out)) {
        gen.writeStartObject();
        gen.writeNumberField("id", id);
        gen.writeStringField("customer", customer);
        gen.writeFieldName("amount");
        gen.writeNumber(amount);
        gen.writeStringField("ordered_at", orderedAt);
        gen.writeBooleanField("paid", paid);
        gen.writeStringField("delivery_date", deliveryDate);
        gen.writeNumberField("score", score);
        gen.writeNumberField("quantity", quantity);
        gen.writeStringField("country", country);
        gen.writeStringField("note", note.isEmpty() ? null : note);
        gen.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringWriter does not fail
      }
      return out.toString();
    }
  }
}
