package io.bqflex.local;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.write.BigQueryServicesOverride;
import io.bqflex.write.CellFormRows;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * BigQuery for local runs: Beam's in-process services, so the templates' real BigQueryIO code runs,
 * and a dump of each table to files when the run is over.
 */
public final class LocalBigQuery {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          // Rows are streamed into the dump file, which stays open for the next row.
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private final FakeDatasetService datasets;

  private LocalBigQuery(FakeDatasetService datasets) {
    this.datasets = datasets;
  }

  /**
   * Fresh, empty in-process BigQuery (the fakes keep their tables in static fields), installed into
   * {@code options}, with the datasets of {@code tables} created.
   */
  public static LocalBigQuery installInto(PipelineOptions options, List<String> tables)
      throws IOException, InterruptedException {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    return installInto(options, tables, new FakeDatasetService());
  }

  /**
   * Installs {@code datasets} (e.g. one told to reject some rows) into {@code options}, with the
   * datasets of {@code tables} created; the caller has reset the fakes' static state.
   */
  public static LocalBigQuery installInto(
      PipelineOptions options, List<String> tables, FakeDatasetService datasets)
      throws IOException, InterruptedException {
    BigQueryServicesOverride.install(
        options,
        new FakeBigQueryServices()
            .withDatasetService(datasets)
            .withJobService(new FakeJobService()));
    for (String table : tables) {
      TableReference ref = BigQueryHelpers.parseTableSpec(table);
      if (!datasetExists(datasets, ref)) {
        datasets.createDataset(ref.getProjectId(), ref.getDatasetId(), "", "", null);
      }
    }
    return new LocalBigQuery(datasets);
  }

  /**
   * The row with the schema's spelling of each column name. Rows written through the Storage Write
   * API come back from Beam's fake with the lower-cased names of their protocol-buffer fields.
   */
  private static Map<String, Object> withSchemaNames(
      Map<String, Object> row, List<TableFieldSchema> fields) {
    Map<String, TableFieldSchema> byLowerName = new HashMap<>();
    fields.forEach(f -> byLowerName.put(f.getName().toLowerCase(Locale.ROOT), f));
    Map<String, Object> named = new LinkedHashMap<>();
    row.forEach(
        (name, value) -> {
          TableFieldSchema field = byLowerName.get(name.toLowerCase(Locale.ROOT));
          Object shown = value;
          if (field != null && field.getFields() != null) {
            shown = nested(value, field.getFields());
          } else if (field != null && "TIMESTAMP".equalsIgnoreCase(field.getType())) {
            shown = isoTimestamp(value);
          } else if (field != null && "DATETIME".equalsIgnoreCase(field.getType())) {
            shown = isoDatetime(value);
          }
          named.put(field == null ? name : field.getName(), shown);
        });
    return named;
  }

  /**
   * Beam's fake gives back Storage Write API timestamps as {@code 2026-11-30 T09:15:00.25} (UTC),
   * and those of Avro load files as {@code 2026-11-30 09:15:00.25 UTC}; the dump shows ISO-8601
   * with its zone, as rows loaded from JSON files already are.
   */
  private static Object isoTimestamp(Object value) {
    if (!(value instanceof String text) || text.endsWith("Z")) {
      return value;
    }
    if (text.endsWith(" UTC")) {
      return isoDatetime(text.substring(0, text.length() - " UTC".length())) + "Z";
    }
    return text.replace(" T", "T") + "Z";
  }

  /**
   * Beam's fake gives back the DATETIMEs of Avro load files as {@code 2026-11-30 09:15:00}; the
   * dump shows ISO-8601, {@code 2026-11-30T09:15:00}, as rows written otherwise already are.
   */
  private static Object isoDatetime(Object value) {
    if (value instanceof String text && text.length() > 10 && text.charAt(10) == ' ') {
      return text.substring(0, 10) + "T" + text.substring(11);
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Object nested(Object value, List<TableFieldSchema> fields) {
    if (value instanceof Map) {
      return withSchemaNames((Map<String, Object>) value, fields);
    }
    if (value instanceof List) {
      List<Object> items = new ArrayList<>();
      ((List<Object>) value).forEach(item -> items.add(nested(item, fields)));
      return items;
    }
    return value;
  }

  /** The fake answers a missing dataset with an IOException rather than null. */
  private static boolean datasetExists(FakeDatasetService datasets, TableReference ref)
      throws InterruptedException {
    try {
      return datasets.getDataset(ref.getProjectId(), ref.getDatasetId()) != null;
    } catch (IOException notFound) {
      return false;
    }
  }

  /**
   * The rows of {@code table}, or null when the run never created it. A decorated name ({@code
   * t$20240101}) reads its base table: Beam's fakes strip decorators and keep no partitions.
   */
  public List<TableRow> rows(String table) throws IOException, InterruptedException {
    TableReference ref = baseTable(table);
    if (datasets.getTable(ref) == null) {
      return null;
    }
    return rowsOf(ref);
  }

  /**
   * A copy of the table's rows. The fake hands out its live list, to which a streaming pipeline
   * appends under the fake's class lock while we read (iterating it then threw
   * ConcurrentModificationException): copy it under the same lock.
   */
  private List<TableRow> rowsOf(TableReference ref) throws IOException, InterruptedException {
    synchronized (FakeDatasetService.class) {
      return new ArrayList<>(
          datasets.getAllRows(ref.getProjectId(), ref.getDatasetId(), ref.getTableId()));
    }
  }

  /** How many rows {@code table} holds; 0 while the run has not created it. */
  public long rowCount(String table) throws IOException, InterruptedException {
    List<TableRow> rows = rows(table);
    return rows == null ? 0 : rows.size();
  }

  /**
   * Writes {@code table} to {@code <dir>/<project>.<dataset>.<table>.json} (one JSON row a line)
   * and its schema beside it as {@code .schema.json}, as {@code bq show --schema} prints it. A
   * decorated name dumps its base table, under the base table's name (no {@code $} in file names).
   *
   * @return the number of rows written, or -1 when the table does not exist
   */
  public long dump(String table, Path dir) throws IOException, InterruptedException {
    TableReference ref = baseTable(table);
    Table existing = datasets.getTable(ref);
    if (existing == null) {
      return -1;
    }
    String base = ref.getProjectId() + "." + ref.getDatasetId() + "." + ref.getTableId();
    List<TableRow> rows = rowsOf(ref);
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve(base + ".json"), StandardCharsets.UTF_8)) {
      for (TableRow row : rows) {
        List<TableFieldSchema> fields = existing.getSchema().getFields();
        Map<String, Object> cells = CellFormRows.named(row, fields);
        // Streamed, not built as a String first: a 20 MB row costs no second and third copy.
        JSON.writeValue(out, withSchemaNames(cells == null ? row : cells, fields));
        out.newLine();
      }
    }
    Files.writeString(
        dir.resolve(base + ".schema.json"),
        BigQuerySchemas.toBqShowJson(existing.getSchema()) + "\n",
        StandardCharsets.UTF_8);
    return rows.size();
  }

  private static TableReference baseTable(String table) {
    return BigQueryHelpers.parseTableSpec(BigQueryHelpers.stripPartitionDecorator(table));
  }
}
