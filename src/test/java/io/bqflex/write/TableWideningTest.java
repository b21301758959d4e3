package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQuerySchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * The read-merge-replace of the output table before a Storage Write API job, when the table changes
 * in between. Beam's in-process BigQuery keeps no etags, so these cases run against a recording
 * {@link TableSchemaPatches} that answers as BigQuery does to a stale {@code If-Match} (the patch
 * refused); {@code SchemaEvolutionTest} runs the same step on Beam's fake end to end.
 */
class TableWideningTest {
  private static final String SCHEMA =
      "[{\"name\": \"id\", \"type\": \"STRING\"}, {\"name\": \"coupon\", \"type\": \"STRING\"}]";
  private static final TableSchema NARROW =
      BigQuerySchemas.parse("[{\"name\": \"id\", \"type\": \"STRING\"}]", "test");

  private static WriteSettings settings(String updates) {
    return WriteSettings.of(
        PipelineOptionsFactory.fromArgs(
                "--useStorageWriteApi=true", "--schemaUpdateOptions=" + updates)
            .as(BigQueryOutputOptions.class),
        "outputTable",
        "my-project:shop.orders",
        BigQuerySchemas.toJson(BigQuerySchemas.parse(SCHEMA, "test")));
  }

  /** A table whose etag changes under the caller's feet the first {@code staleAnswers} times. */
  private static final class ChangingTable implements TableSchemaPatches {
    private final Table table;
    private int staleAnswers;
    private int reads;
    final List<String> patchedWithEtags = new ArrayList<>();

    ChangingTable(Table table, int staleAnswers) {
      this.table = table;
      this.staleAnswers = staleAnswers;
    }

    @Override
    public Table table(TableReference ref) {
      reads++;
      return table == null ? null : table.clone().setEtag("etag-" + reads);
    }

    @Override
    public boolean replaceSchema(TableReference ref, TableSchema schema, String etag) {
      patchedWithEtags.add(etag);
      if (staleAnswers > 0) {
        staleAnswers--;
        return false;
      }
      table.setSchema(schema);
      return true;
    }
  }

  @Test
  void readsTheTableAgainWhenItChangedInBetween() {
    Table table = new Table().setSchema(NARROW);
    ChangingTable bigQuery = new ChangingTable(table, 2);

    TableWidening.apply(bigQuery, settings("ALLOW_FIELD_ADDITION"));

    assertEquals(List.of("etag-1", "etag-2", "etag-3"), bigQuery.patchedWithEtags);
    assertEquals(2, table.getSchema().getFields().size());
  }

  @Test
  void givesUpSayingSoWhenTheTableKeepsChanging() {
    ChangingTable bigQuery = new ChangingTable(new Table().setSchema(NARROW), Integer.MAX_VALUE);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> TableWidening.apply(bigQuery, settings("ALLOW_FIELD_ADDITION")));

    assertEquals(TableWidening.ATTEMPTS, bigQuery.patchedWithEtags.size());
    assertEquals(
        "table my-project:shop.orders changed 3 times while it was being widened; launch again once it is"
            + " left alone",
        e.getMessage());
  }

  @Test
  void leavesAMissingTableToTheWriteThatCreatesIt() {
    ChangingTable bigQuery = new ChangingTable(null, 0);

    TableWidening.apply(bigQuery, settings("ALLOW_FIELD_ADDITION"));

    assertEquals(List.of(), bigQuery.patchedWithEtags);
  }

  @Test
  void refusesChangesTheOptionsDoNotAllow() {
    // The launch checks passed, then someone changed the table: the relaxation is not allowed.
    TableSchema required =
        BigQuerySchemas.parse(
            "[{\"name\": \"id\", \"type\": \"STRING\", \"mode\": \"REQUIRED\"}]", "test");
    ChangingTable bigQuery = new ChangingTable(new Table().setSchema(required), 0);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TableWidening.apply(bigQuery, settings("ALLOW_FIELD_ADDITION")));

    assertTrue(
        e.getMessage().contains("set schemaUpdateOptions=ALLOW_FIELD_RELAXATION"), e.getMessage());
    assertEquals(List.of(), bigQuery.patchedWithEtags);
  }
}
