package io.bqflex.templates;

import static io.bqflex.templates.GcsCsvToBigQueryTest.byKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bqflex.read.ParquetFiles;
import io.bqflex.read.ParquetTestFiles;
import io.bqflex.read.TypedRecord;
import io.bqflex.read.TypedRecordReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The template end to end on Beam's in-process BigQuery. BigQuery's Parquet loading rules (the
 * schema of the alphabetically last file, list inference):
 * https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-parquet
 */
class GcsParquetToBigQueryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE = "templates/gcs-parquet-to-bigquery/samples/orders.parquet";

  @TempDir Path dir;

  private Map<String, String> parameters(String pattern, String table) {
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", pattern);
    p.put("outputTable", table);
    p.put("enableListInference", "true");
    return p;
  }

  @Test
  void sampleIsWhatItsGeneratorWrites() throws Exception {
    assertEquals(texts(ParquetSampleWriter.orders()), texts(readAll(Path.of(SAMPLE))));
  }

  @Test
  void sampleFromTheReadmeLoadsEveryRowInTheFilesSchema() throws Exception {
    TemplateRun run =
        TemplateRun.of(
            new GcsParquetToBigQuery(), Samples.parameters("gcs-parquet-to-bigquery"), dir);

    assertEquals(6, run.result.counts().read(), run.console);
    assertEquals(6, run.result.counts().written(), run.console);
    assertTrue(run.result.counts().balanced());
    assertEquals(
        List.of(
            "order_id",
            "ordered_at",
            "delivery_date",
            "quantity",
            "amount",
            "discount",
            "gift",
            "tags",
            "customer"),
        columnNames(run, "bqflex-local:shop.orders"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "true"})
  void writesTheSameValuesWithLoadJobsAndTheStorageWriteApi(String storageWriteApi)
      throws Exception {
    String table = "test-project:shop.orders_storage_" + storageWriteApi;
    Map<String, String> p = parameters(SAMPLE, table);
    p.put("useStorageWriteApi", storageWriteApi);

    TemplateRun run = TemplateRun.of(new GcsParquetToBigQuery(), p, dir);

    assertEquals(6, run.result.counts().written(), run.console);
    Map<String, JsonNode> rows = new HashMap<>();
    run.rows(table).forEach(r -> rows.put(r.get("order_id").asText(), r));
    JsonNode second = rows.get("ord-1002");
    assertEquals(2, second.get("quantity").asLong());
    assertEquals(
        0, new BigDecimal("39.98").compareTo(new BigDecimal(second.get("amount").asText())));
    assertEquals(0.2, second.get("discount").asDouble(), 1e-12);
    assertEquals("express", second.get("tags").get(0).asText());
    assertEquals("fragile", second.get("tags").get(1).asText());
    assertEquals("Kenji Sato", second.get("customer").get("name").asText());
    assertTrue(rows.get("ord-1003").get("gift").asBoolean());
    assertEquals(0, rows.get("ord-1003").path("tags").size());
    assertTrue(
        rows.get("ord-1004").get("customer").path("country").isMissingNode()
            || rows.get("ord-1004").get("customer").get("country").isNull());
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "true"})
  void routesRowsByAColumnOfTheFilesOwnSchemaOnBothWriteMethods(String storageWriteApi)
      throws Exception {
    Map<String, String> p = parameters(SAMPLE, "test-project:shop.orders");
    // Beam remembers the tables it created JVM-wide: each run names tables of its own.
    p.put("outputTableNameTemplate", "gift_{gift}_" + storageWriteApi);
    p.put("useStorageWriteApi", storageWriteApi);

    TemplateRun run = TemplateRun.of(new GcsParquetToBigQuery(), p, dir);

    Map<String, Set<String>> idsByTable = new HashMap<>();
    for (String gift : List.of("true", "false")) {
      Set<String> ids = new TreeSet<>();
      for (JsonNode row : run.rows("test-project:shop.gift_" + gift + "_" + storageWriteApi)) {
        assertEquals(gift, row.get("gift").asText());
        ids.add(row.get("order_id").asText());
      }
      idsByTable.put(gift, ids);
    }
    // The generator makes every third order a gift.
    assertEquals(
        Map.of(
            "true", Set.of("ord-1003", "ord-1006"),
            "false", Set.of("ord-1001", "ord-1002", "ord-1004", "ord-1005")),
        idsByTable);
    assertEquals(6, run.result.counts().read(), run.console);
    assertEquals(6, run.result.counts().written(), run.console);
    assertTrue(run.result.counts().balanced(), run.result.counts().toString());
  }

  /** "the alphabetically last file" gives a load job its schema when none is given. */
  @Test
  void theTableTakesTheSchemaOfTheAlphabeticallyLastFile() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    ParquetSampleWriter.write(in.resolve("a-orders.parquet"));
    MessageType wider =
        MessageTypeParser.parseMessageType(
            ParquetSampleWriter.ORDERS
                .toString()
                .replace("}\n}", "}\n  optional binary channel (STRING);\n}"));
    List<Group> later = ParquetSampleWriter.orders(wider);
    later.forEach(order -> order.add("channel", "web"));
    ParquetTestFiles.write(
        in.resolve("b-orders.parquet"), wider, CompressionCodecName.GZIP, 10, later);
    String table = "test-project:shop.last_file_schema";

    TemplateRun run =
        TemplateRun.of(new GcsParquetToBigQuery(), parameters(in + "/*.parquet", table), dir);

    assertEquals(12, run.result.counts().written(), run.console);
    assertEquals("channel", columnNames(run, table).get(9));
    long web =
        run.rows(table).stream().filter(r -> "web".equals(r.path("channel").asText())).count();
    assertEquals(6, web);
  }

  @Test
  void withJsonPathRowsTakeTheSchemaFileAndUnknownColumnsAreDroppedWhenAskedTo(@TempDir Path in)
      throws Exception {
    Path schema = in.resolve("schema.json");
    Files.writeString(
        schema,
        "[{\"name\":\"order_id\",\"type\":\"STRING\",\"mode\":\"REQUIRED\"},"
            + "{\"name\":\"quantity\",\"type\":\"INT64\"},"
            + "{\"name\":\"amount\",\"type\":\"BIGNUMERIC\"}]");
    String table = "test-project:shop.orders_from_schema_file";
    Map<String, String> p = parameters(SAMPLE, table);
    p.put("JSONPath", schema.toString());
    p.put("ignoreUnknownValues", "true");

    TemplateRun run = TemplateRun.of(new GcsParquetToBigQuery(), p, dir);

    assertEquals(6, run.result.counts().written(), run.console);
    assertEquals(List.of("order_id", "quantity", "amount"), columnNames(run, table));
    for (JsonNode row : run.rows(table)) {
      assertTrue(row.path("customer").isMissingNode(), row.toString());
    }
  }

  /**
   * A file without a footer among good ones is one READ dead letter naming it; a row group that
   * does not decode costs the rest of its file, the rows before it stand; the job goes on, and the
   * counters account for every row read.
   */
  @Test
  void brokenFilesAmongGoodOnesAreDeadLetteredAndEveryRowReadIsAccountedFor() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    ParquetSampleWriter.write(in.resolve("a-good.parquet"));
    Path cut = ParquetSampleWriter.write(in.resolve("b-cut.parquet"));
    byte[] bytes = Files.readAllBytes(cut);
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 20));
    Path corrupt = ParquetSampleWriter.write(in.resolve("c-corrupt.parquet"));
    long[] second = ParquetTestFiles.rowGroupSpan(corrupt, 1);
    ParquetTestFiles.overwrite(corrupt, second[0], 30);
    Path lzo = ParquetSampleWriter.write(in.resolve("c2-lzo.parquet"));
    ParquetTestFiles.claimCodec(lzo, CompressionCodec.LZO);
    // The last file gives the schema, so it is a good one.
    ParquetSampleWriter.write(in.resolve("d-good.parquet"));
    String table = "test-project:shop.orders_with_broken_files";

    TemplateRun run =
        TemplateRun.of(new GcsParquetToBigQuery(), parameters(in + "/*.parquet", table), dir);

    // 6 + 6 good rows, and the first row group (3 rows) of the corrupt file.
    assertEquals(15, run.result.counts().read(), run.console);
    assertEquals(15, run.result.counts().written());
    assertEquals(3, run.result.counts().filesCutShort());
    assertEquals(3, run.result.counts().deadLettered());
    assertTrue(run.result.counts().balanced());
    Map<String, JsonNode> dead = new HashMap<>();
    for (JsonNode row : run.rows(table + "_error_records")) {
      dead.put(Path.of(row.get("source").asText()).getFileName().toString(), row);
    }
    assertEquals("READ", dead.get("b-cut.parquet").get("stage").asText());
    assertTrue(
        dead.get("b-cut.parquet").get("errorMessage").asText().contains("Parquet footer"),
        dead.get("b-cut.parquet").toString());
    assertEquals("READ", dead.get("c-corrupt.parquet").get("stage").asText());
    assertTrue(
        dead.get("c-corrupt.parquet").get("errorMessage").asText().contains("row group 2 of 2"),
        dead.get("c-corrupt.parquet").toString());
    assertEquals(4, dead.get("c-corrupt.parquet").get("recordNumber").asLong());
    assertTrue(
        dead.get("c2-lzo.parquet").get("errorMessage").asText().contains("compressed with LZO"),
        dead.get("c2-lzo.parquet").toString());
  }

  /**
   * A row the table refuses keeps, in its dead letter, the row as a one-row Parquet file in its
   * file's schema and as JSON.
   */
  @Test
  void aRefusedRowsDeadLetterHoldsItAsAParquetFileAndAsJson(@TempDir Path in) throws Exception {
    Path schema = in.resolve("schema.json");
    Files.writeString(
        schema,
        "[{\"name\":\"order_id\",\"type\":\"STRING\"},"
            + "{\"name\":\"discount\",\"type\":\"FLOAT64\",\"mode\":\"REQUIRED\"}]");
    String table = "test-project:shop.orders_missing_discount";
    Map<String, String> p = parameters(SAMPLE, table);
    p.put("JSONPath", schema.toString());
    p.put("ignoreUnknownValues", "true");

    TemplateRun run = TemplateRun.of(new GcsParquetToBigQuery(), p, dir);

    // Orders 1, 3 and 5 have no discount.
    assertEquals(3, run.result.counts().written(), run.console);
    assertEquals(3, run.result.counts().deadLettered());
    Map<Long, JsonNode> dead = byKey(run.rows(table + "_error_records"), "recordNumber");
    JsonNode third = dead.get(3L);
    assertEquals("CONVERT", third.get("stage").asText(), third.toString());
    assertTrue(third.get("errorMessage").asText().contains("discount"), third.toString());
    assertEquals(
        "ord-1003", JSON.readTree(third.get("payloadString").asText()).get("order_id").asText());
    Path copy = in.resolve("dead-letter.parquet");
    Files.write(copy, Base64.getDecoder().decode(third.get("payloadBytes").asText()));
    assertEquals(texts(ParquetSampleWriter.orders().subList(2, 3)), texts(readAll(copy)));
  }

  private List<String> columnNames(TemplateRun run, String table) throws Exception {
    JsonNode schema =
        JSON.readTree(Files.readString(dir.resolve(table.replace(':', '.') + ".schema.json")));
    JsonNode fields = schema.isArray() ? schema : schema.get("fields");
    List<String> names = new ArrayList<>();
    fields.forEach(f -> names.add(f.get("name").asText()));
    return names;
  }

  private static List<Group> readAll(Path file) throws Exception {
    List<Group> rows = new ArrayList<>();
    try (TypedRecordReader<Group> reader =
        new ParquetFiles().open(Files.newByteChannel(file), file.toString())) {
      for (TypedRecord<Group> row = reader.next(); row != null; row = reader.next()) {
        rows.add(row.value());
      }
    }
    return rows;
  }

  private static List<String> texts(List<Group> rows) {
    return rows.stream().map(Group::toString).toList();
  }
}
