package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQuerySchemas;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class OutputRowFormatTest {
  private static final String PLAIN =
      "[{\"name\":\"id\",\"type\":\"INT64\"},{\"name\":\"at\",\"type\":\"DATETIME\"}]";
  private static final String FLEXIBLE_NAME = "[{\"name\":\"order-id\",\"type\":\"INT64\"}]";

  @Test
  void storageWriteApiRowsGoAsAvroWhereTheTableHasAnAvroForm() {
    assertTrue(usesAvro(PLAIN, "--useStorageWriteApi=true"));
    assertTrue(usesAvro(PLAIN, "--useStorageWriteApi=true", "--useStorageWriteApiAtLeastOnce"));
  }

  /** Load jobs take Avro through their files instead: AvroLoadFilesTest. */
  @Test
  void storageWriteAvroIsNeitherForTablesAvroCannotNameNorForLoadJobs() {
    assertFalse(usesAvro(FLEXIBLE_NAME, "--useStorageWriteApi=true"));
    assertFalse(usesAvro(PLAIN, "--useStorageWriteApi=false"));
  }

  private static boolean usesAvro(String schemaJson, String... args) {
    BigQueryOutputOptions options =
        PipelineOptionsFactory.fromArgs(args).as(BigQueryOutputOptions.class);
    WriteSettings settings = WriteSettings.of(options, "outputTable", "p:d.t", schemaJson);
    TableSchema schema = BigQuerySchemas.parse(schemaJson, "schema");
    return OutputRowFormat.usesAvro(settings, schema);
  }
}
