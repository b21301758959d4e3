package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.NewColumns;
import io.bqflex.rows.SchemaLines;
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

  /**
   * A table whose etag changes under the caller's feet the first {@code staleAnswers} times; a
   * missing one is created, unless someone else creates it first ({@link #createdByOthers}).
   */
  private static final class ChangingTable implements TableSchemaPatches {
    private Table table;
    private int staleAnswers;
    private int reads;
    final List<String> patchedWithEtags = new ArrayList<>();
    final List<Table> created = new ArrayList<>();
    Table createdByOthers;

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

    @Override
    public boolean createTable(Table newTable) {
      if (createdByOthers != null) {
        table = createdByOthers;
        createdByOthers = null;
        return false;
      }
      created.add(newTable);
      table = newTable;
      return true;
    }
  }

  /** An at-least-once streaming job's settings, creating its table as asked. */
  private static WriteSettings streaming(String createDisposition) {
    return WriteSettings.of(
        PipelineOptionsFactory.fromArgs(
                "--streaming=true",
                "--useStorageWriteApiAtLeastOnce=true",
                "--timePartitioningField=day",
                "--clusteringFields=id",
                "--createDisposition=" + createDisposition)
            .as(BigQueryOutputOptions.class),
        "outputTable",
        "my-project:shop.orders",
        "[{\"name\": \"id\", \"type\": \"STRING\"}, {\"name\": \"day\", \"type\": \"DATE\"}]");
  }

  private static NewColumns coupon() {
    return NewColumns.in(
        JsonNodeFactory.instance.objectNode().put("coupon", "SPRING"), NARROW.getFields());
  }

  @Test
  void aMissingTableIsCreatedWithTheColumnsAsTheWriteWouldCreateIt() {
    ChangingTable bigQuery = new ChangingTable(null, 0);

    NewColumns.Widening widening =
        TableWidening.addColumnsOrCreate(bigQuery, streaming("CREATE_IF_NEEDED"), coupon())
            .orElseThrow();

    assertEquals(List.of("coupon STRING"), widening.added());
    Table created = bigQuery.created.get(0);
    assertEquals("orders", created.getTableReference().getTableId());
    assertEquals(
        List.of("id STRING NULLABLE", "day DATE NULLABLE", "coupon STRING NULLABLE"),
        SchemaLines.of(created.getSchema().getFields()));
    assertEquals("day", created.getTimePartitioning().getField());
    assertEquals(List.of("id"), created.getClustering().getFields());
  }

  @Test
  void aTableCreatedInBetweenIsWidenedInstead() {
    ChangingTable bigQuery = new ChangingTable(null, 0);
    bigQuery.createdByOthers = new Table().setSchema(NARROW);

    NewColumns.Widening widening =
        TableWidening.addColumnsOrCreate(bigQuery, streaming("CREATE_IF_NEEDED"), coupon())
            .orElseThrow();

    assertEquals(List.of(), bigQuery.created);
    assertEquals(List.of("coupon STRING"), widening.added());
    assertEquals(
        List.of("id STRING NULLABLE", "coupon STRING NULLABLE"),
        SchemaLines.of(widening.schema().getFields()));
  }

  @Test
  void aMissingTableIsNotCreatedUnderCreateNever() {
    ChangingTable bigQuery = new ChangingTable(null, 0);

    assertTrue(
        TableWidening.addColumnsOrCreate(bigQuery, streaming("CREATE_NEVER"), coupon()).isEmpty());
    assertEquals(List.of(), bigQuery.created);
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
