package io.bqflex.write;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;

/**
 * Schema patches on Beam's in-process BigQuery, which keeps no etags: a replacement always takes.
 * Its {@code updateTableSchema} also tells open write streams of the new schema, as BigQuery does.
 */
final class InProcessSchemaPatches implements TableSchemaPatches {
  private final FakeDatasetService datasets;

  InProcessSchemaPatches(FakeDatasetService datasets) {
    this.datasets = datasets;
  }

  @Override
  public Table table(TableReference ref) throws IOException, InterruptedException {
    return datasets.getTable(ref);
  }

  @Override
  public boolean replaceSchema(TableReference ref, TableSchema schema, String etag)
      throws IOException {
    datasets.updateTableSchema(ref, schema);
    return true;
  }

  @Override
  public boolean createTable(Table table) throws IOException, InterruptedException {
    // One JVM: nothing creates the table between the look and the creation but this job's own
    // writer, whose creation the next widening reads.
    if (datasets.getTable(table.getTableReference()) != null) {
      return false;
    }
    datasets.createTable(table);
    return true;
  }
}
