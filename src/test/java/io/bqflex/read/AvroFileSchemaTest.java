package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table schema of Avro files without JSONPath: "the alphabetically last file" of those matched,
 * https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro.
 */
class AvroFileSchemaTest {
  @TempDir Path dir;

  private static final Schema OLDER =
      SchemaBuilder.record("Order").namespace("shop").fields().requiredLong("id").endRecord();

  @Test
  void takesTheWriterSchemaOfTheAlphabeticallyLastFile() throws Exception {
    AvroTestFiles.write(
        dir.resolve("orders-2026-01.avro"), OLDER, CodecFactory.nullCodec(), List.of(), 1);
    AvroTestFiles.write(
        dir.resolve("orders-2026-02.avro"),
        AvroTestFiles.ORDER,
        CodecFactory.nullCodec(),
        List.of(),
        1);

    AvroFileSchema.WriterSchema last =
        new AvroFileSchema(dir.resolve("orders-*.avro").toString(), "inputFilePattern", null)
            .lastFile();

    assertEquals(AvroTestFiles.ORDER, last.schema());
    assertTrue(last.file().endsWith("orders-2026-02.avro"), last.file());
  }

  @Test
  void convertsTheLastFilesSchemaAsALoadJobDoes() throws Exception {
    AvroTestFiles.write(
        dir.resolve("orders.avro"), AvroTestFiles.ORDER, CodecFactory.nullCodec(), List.of(), 1);

    TableSchema schema =
        new AvroFileSchema(dir.resolve("*.avro").toString(), "inputFilePattern", null).read();

    List<String> columns = schema.getFields().stream().map(TableFieldSchema::getName).toList();
    assertEquals(List.of("id", "customer", "amount"), columns);
    assertEquals("INTEGER", schema.getFields().get(0).getType());
    assertEquals("REQUIRED", schema.getFields().get(0).getMode());
  }

  @Test
  void refusesALastFileThatIsNotAvroNamingThePattern() throws Exception {
    Files.writeString(dir.resolve("z.avro"), "id\n1\n", StandardCharsets.UTF_8);

    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () ->
                new AvroFileSchema(dir.resolve("*.avro").toString(), "inputFilePattern", null)
                    .read());

    assertEquals("inputFilePattern", e.parameter());
    assertTrue(e.getMessage().contains("z.avro"), e.getMessage());
  }

  @Test
  void refusesAPatternThatMatchesNothing() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () ->
                new AvroFileSchema(dir.resolve("*.avro").toString(), "inputFilePattern", null)
                    .read());

    assertEquals("inputFilePattern", e.parameter());
  }

  @Test
  void refusesAFieldBigQueryCannotLoadNamingThePatternAndTheFile() throws Exception {
    // BigQuery's Avro page: "Nested array formatting isn't supported in BigQuery".
    Schema nestedArrays =
        SchemaBuilder.record("Order")
            .fields()
            .name("matrix")
            .type()
            .array()
            .items()
            .array()
            .items()
            .longType()
            .noDefault()
            .endRecord();
    AvroTestFiles.write(
        dir.resolve("orders.avro"), nestedArrays, CodecFactory.nullCodec(), List.of(), 1);

    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () ->
                new AvroFileSchema(dir.resolve("*.avro").toString(), "inputFilePattern", null)
                    .read());

    assertEquals("inputFilePattern", e.parameter());
    assertTrue(e.getMessage().contains("orders.avro"), e.getMessage());
  }

  @Test
  void cloudStorageFilesAreReadAtLaunchOnly() {
    String line =
        new AvroFileSchema("gs://my-bucket/orders/*.avro", "inputFilePattern", null)
            .notReadableHere();

    assertTrue(line.startsWith("inputFilePattern: gs://my-bucket/orders/*.avro"), line);
    assertTrue(line.contains("read at launch"), line);
    assertNull(
        new AvroFileSchema(dir.resolve("*.avro").toString(), "inputFilePattern", null)
            .notReadableHere());
  }
}
