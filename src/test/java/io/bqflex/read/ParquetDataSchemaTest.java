package io.bqflex.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableFieldSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.DecimalTargetTypes;
import io.bqflex.rows.ParquetOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a schema, a load job takes "the alphabetically last file"'s:
 * https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-parquet
 */
class ParquetDataSchemaTest {
  private static final ParquetOptions OPTIONS =
      new ParquetOptions(false, false, DecimalTargetTypes.defaults());

  @TempDir Path dir;

  @Test
  void theSchemaIsTheAlphabeticallyLastFilesFooter() throws Exception {
    write("b.parquet", "message m { required int64 late_column; }");
    write("a.parquet", "message m { required binary early_column (STRING); }");

    List<TableFieldSchema> fields = schemaOf(dir + "/*.parquet").read().getFields();

    assertEquals(1, fields.size());
    assertEquals("late_column", fields.get(0).getName());
  }

  @Test
  void aLastFileWithoutAFooterIsRefusedNamingThePatternsParameter() throws Exception {
    write("a.parquet", "message m { required int64 id; }");
    Files.writeString(dir.resolve("b.parquet"), "id\n1\n");

    InvalidParameterException refused =
        assertThrows(InvalidParameterException.class, () -> schemaOf(dir + "/*.parquet").read());

    assertEquals("inputFilePattern", refused.parameter());
    assertTrue(refused.getMessage().contains("b.parquet"), refused.getMessage());
    assertTrue(refused.getMessage().contains("JSONPath"), refused.getMessage());
  }

  @Test
  void aFileSchemaBigQueryCannotLoadIsRefusedNamingTheFileAndColumn() throws Exception {
    write("a.parquet", "message m { required int64 at (TIMESTAMP(NANOS,true)); }");

    InvalidParameterException refused =
        assertThrows(InvalidParameterException.class, () -> schemaOf(dir + "/*.parquet").read());

    assertEquals("inputFilePattern", refused.parameter());
    assertTrue(refused.getMessage().contains("a.parquet"), refused.getMessage());
    assertTrue(refused.getMessage().contains("at"), refused.getMessage());
  }

  @Test
  void aPatternMatchingNothingIsRefusedNamingThePatternsParameter() {
    InvalidParameterException refused =
        assertThrows(InvalidParameterException.class, () -> schemaOf(dir + "/*.parquet").read());

    assertEquals("inputFilePattern", refused.parameter());
  }

  @Test
  void aCloudStoragePatternIsReadAtLaunchNotHere() {
    String why = schemaOf("gs://my-bucket/orders/*.parquet").notReadableHere();

    assertTrue(why.startsWith("inputFilePattern: gs://my-bucket/orders/*.parquet"), why);
    assertNull(schemaOf(dir + "/*.parquet").notReadableHere());
  }

  private static ParquetDataSchema schemaOf(String pattern) {
    return new ParquetDataSchema(pattern, "inputFilePattern", OPTIONS);
  }

  private void write(String name, String schema) throws Exception {
    MessageType type = MessageTypeParser.parseMessageType(schema);
    Group row = new SimpleGroupFactory(type).newGroup();
    var field = type.getType(0).asPrimitiveType();
    switch (field.getPrimitiveTypeName()) {
      case INT64 -> row.add(0, 1L);
      default -> row.add(0, "x");
    }
    ParquetTestFiles.write(dir.resolve(name), type, CompressionCodecName.SNAPPY, 10, List.of(row));
  }
}
