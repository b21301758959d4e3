package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bqflex.core.InvalidParameterException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.SchemaUpdateOption;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.junit.jupiter.api.Test;

/**
 * The {@code schemaUpdateOptions} parameter, in BigQuery's names and under its rule: the options
 * apply with WRITE_APPEND, or WRITE_TRUNCATE of a partition named by a decorator
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobConfigurationLoad).
 */
class SchemaUpdatesTest {
  private static final Set<SchemaUpdateOption> BOTH = EnumSet.allOf(SchemaUpdateOption.class);

  @Test
  void readsBigQuerysNamesCommaSeparated() {
    assertEquals(Set.of(), SchemaUpdates.parse(null));
    assertEquals(Set.of(), SchemaUpdates.parse(" "));
    assertEquals(
        Set.of(SchemaUpdateOption.ALLOW_FIELD_ADDITION),
        SchemaUpdates.parse("ALLOW_FIELD_ADDITION"));
    assertEquals(BOTH, SchemaUpdates.parse("allow_field_relaxation, ALLOW_FIELD_ADDITION"));
  }

  @Test
  void refusesOtherNamesListingBigQuerys() {
    InvalidParameterException refused =
        assertThrows(
            InvalidParameterException.class,
            () -> SchemaUpdates.parse("ALLOW_FIELD_ADDITION,ALLOW_COLUMN_DELETION"));

    assertEquals(
        "parameter 'schemaUpdateOptions': 'ALLOW_COLUMN_DELETION' is not one of"
            + " ALLOW_FIELD_ADDITION, ALLOW_FIELD_RELAXATION",
        refused.getMessage());
  }

  @Test
  void applyWhenAppendingOrTruncatingOnePartition() {
    boolean table = false;
    boolean partition = true;

    SchemaUpdates.checkDisposition(BOTH, WriteDisposition.WRITE_APPEND, table);
    SchemaUpdates.checkDisposition(BOTH, WriteDisposition.WRITE_TRUNCATE, partition);
    // Without options there is nothing to refuse.
    SchemaUpdates.checkDisposition(Set.of(), WriteDisposition.WRITE_EMPTY, table);
    assertThrows(
        InvalidParameterException.class,
        () -> SchemaUpdates.checkDisposition(BOTH, WriteDisposition.WRITE_TRUNCATE, table));
    assertThrows(
        InvalidParameterException.class,
        () -> SchemaUpdates.checkDisposition(BOTH, WriteDisposition.WRITE_EMPTY, partition));
  }
}
