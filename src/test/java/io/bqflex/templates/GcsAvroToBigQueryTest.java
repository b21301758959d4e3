package io.bqflex.templates;

import static io.bqflex.templates.GcsCsvToBigQueryTest.byKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bqflex.core.RecordCounts;
import io.bqflex.read.AvroTestFiles;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The template end to end on Beam's in-process BigQuery. Without JSONPath the schema is the
 * alphabetically last file's and the other files must resolve against it, as BigQuery's Avro
 * loading page says: https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro
 */
class GcsAvroToBigQueryTest {
  @TempDir Path dir;

  /** The last file's schema: amount is optional, so files without it resolve. */
  private static final Schema LAST =
      SchemaBuilder.record("Order")
          .namespace("shop")
          .fields()
          .requiredLong("id")
          .requiredString("customer")
          .optionalDouble("amount")
          .endRecord();

  private static final Schema OLDER =
      SchemaBuilder.record("Order")
          .namespace("shop")
          .fields()
          .requiredInt("id")
          .requiredString("customer")
          .endRecord();

  private Map<String, String> parameters(String pattern, String table) {
    Map<String, String> p = new HashMap<>();
    p.put("inputFilePattern", pattern);
    p.put("outputTable", table);
    return p;
  }

  private static void assertConserved(RecordCounts counts) {
    assertEquals(
        counts.read(),
        counts.written() + counts.recordsDeadLettered() + counts.filtered(),
        counts.toString());
    assertTrue(counts.balanced(), counts.toString());
  }

  @Test
  void committedSamplesAreWhatTheGeneratorWrites() throws Exception {
    for (Map.Entry<String, byte[]> file : AvroSamples.files().entrySet()) {
      assertArrayEquals(
          file.getValue(),
          Files.readAllBytes(AvroSamples.DIR.resolve(file.getKey())),
          file.getKey() + " differs from AvroSamples' output: run AvroSamples.main");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "true"})
  void sampleLoadsTheFilesThatResolveAndDeadLettersTheOneThatDoesNot(String storageWriteApi)
      throws Exception {
    Map<String, String> p = Samples.parameters(GcsAvroToBigQuery.ID);
    String table = p.get("outputTable") + "_storage_" + storageWriteApi;
    p.put("outputTable", table);
    p.put("useStorageWriteApi", storageWriteApi);

    TemplateRun run = TemplateRun.of(new GcsAvroToBigQuery(), p, dir);

    assertEquals(7, run.result.counts().read(), run.console);
    assertEquals(5, run.result.counts().written(), run.console);
    assertEquals(2, run.result.counts().deadLettered(), run.console);
    assertConserved(run.result.counts());

    Map<String, JsonNode> rows = new HashMap<>();
    run.rows(table).forEach(r -> rows.put(r.get("order_id").asText(), r));
    assertEquals(List.of("1101", "1102", "1201", "1202", "1203"), sorted(rows.keySet()));
    assertEquals("東京商店", rows.get("1102").get("customer").asText());
    assertEquals("gift wrap", rows.get("1201").get("note").asText());
    assertTrue(
        rows.get("1101").path("note").isMissingNode() || rows.get("1101").get("note").isNull());
    assertEquals(
        0, new BigDecimal("1234567.89").compareTo(decimal(rows.get("1203").get("amount"))));
    assertEquals("CANCELLED", rows.get("1202").get("status").asText());
    assertEquals(
        Instant.parse("2026-12-01T10:05:00Z"),
        Instant.parse(rows.get("1201").get("ordered_at").asText()));
    assertEquals("SKU-0.50", rows.get("1202").get("items").get(0).get("sku").asText());

    Map<Long, JsonNode> dead = byKey(run.rows(table + "_error_records"), "recordNumber");
    assertEquals(2, dead.size());
    JsonNode first = dead.get(1L);
    assertEquals("READ", first.get("stage").asText());
    assertTrue(first.get("source").asText().endsWith("orders-2026-10.avro"), first.toString());
    assertTrue(first.get("errorMessage").asText().contains("customer"), first.toString());
    // The payload is the record itself, in Avro's single-object encoding of October's schema.
    SchemaStore.Cache schemas = new SchemaStore.Cache();
    schemas.addSchema(AvroSamples.october());
    GenericRecord back =
        new BinaryMessageDecoder<GenericRecord>(GenericData.get(), null, schemas)
            .decode(Base64.getDecoder().decode(first.get("payloadBytes").asText()));
    assertEquals(1001L, back.get("order_id"));
    assertTrue(
        first.get("payloadString").asText().contains("\"customer_id\":17"), first.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "true"})
  void routesRowsByAColumnOfTheFilesOwnSchemaOnBothWriteMethods(String storageWriteApi)
      throws Exception {
    Map<String, String> p = Samples.parameters(GcsAvroToBigQuery.ID);
    // Beam remembers the tables it created JVM-wide: each run names tables of its own.
    p.put("outputTableNameTemplate", "routed_{status}_" + storageWriteApi);
    p.put("useStorageWriteApi", storageWriteApi);

    TemplateRun run = TemplateRun.of(new GcsAvroToBigQuery(), p, dir);

    String tables = "bqflex-local:shop.routed_";
    Map<String, List<String>> idsByTable = new HashMap<>();
    for (String status : List.of("PAID", "SHIPPED", "CANCELLED")) {
      List<String> ids = new ArrayList<>();
      for (JsonNode row : run.rows(tables + status + "_" + storageWriteApi)) {
        assertEquals(status, row.get("status").asText());
        ids.add(row.get("order_id").asText());
      }
      idsByTable.put(status, sorted(ids));
    }
    assertEquals(
        Map.of(
            "PAID", List.of("1101", "1201", "1203"),
            "SHIPPED", List.of("1102"),
            "CANCELLED", List.of("1202")),
        idsByTable);
    // October's file does not resolve against the last file's schema: its records are READ dead
    // letters in the one dead-letter table, as without routing.
    assertEquals(2, run.rows(p.get("outputTable") + "_error_records").size());
    assertEquals(7, run.result.counts().read(), run.console);
    assertConserved(run.result.counts());
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "true"})
  void takesTheSchemaOfTheLastFileAndResolvesTheOthersOnBothWriteMethods(String storageWriteApi)
      throws Exception {
    List<GenericRecord> older = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      older.add(new GenericRecordBuilder(OLDER).set("id", i).set("customer", "c" + i).build());
    }
    List<GenericRecord> last = new ArrayList<>();
    for (int i = 4; i <= 7; i++) {
      last.add(
          new GenericRecordBuilder(LAST)
              .set("id", (long) i)
              .set("customer", "c" + i)
              .set("amount", i * 2.5)
              .build());
    }
    AvroTestFiles.write(
        dir.resolve("orders-2026-01.avro"), OLDER, CodecFactory.deflateCodec(6), older, 2);
    AvroTestFiles.write(
        dir.resolve("orders-2026-02.avro"), LAST, CodecFactory.snappyCodec(), last, 2);
    String table = "test-project:shop.last_file_storage_" + storageWriteApi;
    Map<String, String> p = parameters(dir.resolve("orders-*.avro").toString(), table);
    p.put("useStorageWriteApi", storageWriteApi);

    TemplateRun run = TemplateRun.of(new GcsAvroToBigQuery(), p, dir.resolve("out"));

    assertEquals(7, run.result.counts().written(), run.console);
    assertConserved(run.result.counts());
    Map<String, JsonNode> rows = new HashMap<>();
    run.rows(table).forEach(r -> rows.put(r.get("id").asText(), r));
    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), sorted(rows.keySet()));
    assertEquals("c2", rows.get("2").get("customer").asText());
    assertTrue(
        rows.get("2").path("amount").isMissingNode() || rows.get("2").get("amount").isNull());
    assertEquals(15.0, rows.get("6").get("amount").asDouble());
  }

  @Test
  void withJsonPathRecordsAreReadAsWrittenAndFieldsTheSchemaLacksAreRefused() throws Exception {
    AvroTestFiles.write(
        dir.resolve("orders.avro"),
        AvroTestFiles.ORDER,
        CodecFactory.nullCodec(),
        AvroTestFiles.orders(4),
        10);
    Path schema = dir.resolve("schema.json");
    Files.writeString(
        schema,
        "[{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"customer\",\"type\":\"STRING\"}]",
        StandardCharsets.UTF_8);
    String table = "test-project:shop.json_path_strict";
    Map<String, String> p = parameters(dir.resolve("orders.avro").toString(), table);
    p.put("JSONPath", schema.toString());

    TemplateRun run = TemplateRun.of(new GcsAvroToBigQuery(), p, dir.resolve("out"));

    assertEquals(4, run.result.counts().read(), run.console);
    assertEquals(4, run.result.counts().deadLettered(), run.console);
    assertConserved(run.result.counts());
    for (JsonNode dead : run.rows(table + "_error_records")) {
      assertEquals("CONVERT", dead.get("stage").asText(), dead.toString());
      assertTrue(dead.get("errorMessage").asText().contains("amount"), dead.toString());
    }
  }

  @Test
  void withJsonPathAndIgnoreUnknownValuesFieldsTheSchemaLacksAreDropped() throws Exception {
    AvroTestFiles.write(
        dir.resolve("orders.avro"),
        AvroTestFiles.ORDER,
        CodecFactory.xzCodec(6),
        AvroTestFiles.orders(4),
        10);
    Path schema = dir.resolve("schema.json");
    Files.writeString(
        schema,
        "[{\"name\":\"customer\",\"type\":\"STRING\"},{\"name\":\"id\",\"type\":\"INTEGER\"}]",
        StandardCharsets.UTF_8);
    String table = "test-project:shop.json_path_ignore_unknown";
    Map<String, String> p = parameters(dir.resolve("orders.avro").toString(), table);
    p.put("JSONPath", schema.toString());
    p.put("ignoreUnknownValues", "true");

    TemplateRun run = TemplateRun.of(new GcsAvroToBigQuery(), p, dir.resolve("out"));

    assertEquals(4, run.result.counts().written(), run.console);
    assertConserved(run.result.counts());
    Map<String, JsonNode> rows = new HashMap<>();
    run.rows(table).forEach(r -> rows.put(r.get("id").asText(), r));
    assertEquals("c3", rows.get("3").get("customer").asText());
    assertTrue(rows.get("3").path("amount").isMissingNode(), rows.get("3").toString());
  }

  @Test
  void brokenFilesAmongGoodOnesCostOnlyTheirUnreadRest() throws Exception {
    // The last file alphabetically is good: the table takes its schema.
    List<Long> starts =
        AvroTestFiles.write(
            dir.resolve("a-broken.avro"),
            AvroTestFiles.ORDER,
            CodecFactory.nullCodec(),
            AvroTestFiles.orders(11, 19),
            3);
    AvroTestFiles.breakSyncMarkerAfterBlock(dir.resolve("a-broken.avro"), starts, 2);
    Files.writeString(
        dir.resolve("b-not-avro.avro"), "id,customer\n1,c1\n", StandardCharsets.UTF_8);
    AvroTestFiles.write(
        dir.resolve("c-good.avro"),
        AvroTestFiles.ORDER,
        CodecFactory.bzip2Codec(),
        AvroTestFiles.orders(21, 23),
        2);
    AvroTestFiles.write(
        dir.resolve("d-good.avro"),
        AvroTestFiles.ORDER,
        CodecFactory.zstandardCodec(3),
        AvroTestFiles.orders(31, 33),
        2);
    String table = "test-project:shop.broken_files";

    TemplateRun run =
        TemplateRun.of(
            new GcsAvroToBigQuery(),
            parameters(dir.resolve("*.avro").toString(), table),
            dir.resolve("out"));

    RecordCounts counts = run.result.counts();
    assertEquals(9, counts.read(), run.console);
    assertEquals(9, counts.written(), run.console);
    assertEquals(2, counts.filesCutShort(), run.console);
    assertEquals(2, counts.deadLettered(), run.console);
    assertConserved(counts);
    Map<String, JsonNode> rows = new HashMap<>();
    run.rows(table).forEach(r -> rows.put(r.get("id").asText(), r));
    assertTrue(
        rows.keySet().containsAll(List.of("11", "12", "13", "21", "33")), rows.keySet().toString());
    assertTrue(!rows.containsKey("14"), rows.keySet().toString());
    Map<String, JsonNode> dead = new HashMap<>();
    run.rows(table + "_error_records")
        .forEach(r -> dead.put(Path.of(r.get("source").asText()).getFileName().toString(), r));
    JsonNode rest = dead.get("a-broken.avro");
    assertEquals("READ", rest.get("stage").asText());
    assertEquals(4, rest.get("recordNumber").asLong());
    assertTrue(
        rest.get("errorMessage").asText().contains("block 2 (from byte " + starts.get(1) + ")"),
        rest.toString());
    assertTrue(
        dead.get("b-not-avro.avro")
            .get("errorMessage")
            .asText()
            .contains("no readable Avro header"),
        dead.toString());
  }

  private static List<String> sorted(java.util.Collection<String> keys) {
    return keys.stream().sorted().toList();
  }

  private static BigDecimal decimal(JsonNode value) {
    return new BigDecimal(value.asText());
  }
}
