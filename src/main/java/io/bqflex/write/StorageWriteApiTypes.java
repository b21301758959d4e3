package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Refuses, at launch, a schema with a column type that Beam 2.73's Storage Write API conversion
 * ({@code TableRowToStorageApiProto}) cannot write: RANGE and INTERVAL. Without this check every
 * row would reach the writer and fail there. Both load with FILE_LOADS.
 */
final class StorageWriteApiTypes {
  private static final Set<String> UNCONVERTED = Set.of("RANGE", "INTERVAL");

  private StorageWriteApiTypes() {}

  /**
   * @param schemaParameter the parameter the schema came from, named when there is no method to
   *     switch to (streaming jobs write only through the Storage Write API)
   */
  static void check(BigQueryOutputOptions options, TableSchema schema, String schemaParameter) {
    Method method = WriteMethods.choose(options);
    if (method != Method.STORAGE_WRITE_API && method != Method.STORAGE_API_AT_LEAST_ONCE) {
      return;
    }
    TableFieldSchema column = firstUnconverted(schema.getFields(), "");
    if (column == null) {
      return;
    }
    String type = column.getType();
    String problem =
        "column '"
            + column.getName()
            + "' is "
            + ("INTERVAL".equals(type) ? "an " : "a ")
            + type
            + ", which Beam's Storage Write API writer cannot convert";
    if (options.as(StreamingOptions.class).isStreaming()) {
      throw new InvalidParameterException(
          schemaParameter,
          problem
              + "; streaming jobs write only through it, so load "
              + type
              + " columns in batch");
    }
    boolean atLeastOnce = Boolean.TRUE.equals(options.getUseStorageWriteApiAtLeastOnce());
    throw new InvalidParameterException(
        atLeastOnce ? "useStorageWriteApiAtLeastOnce" : "useStorageWriteApi",
        problem
            + "; set "
            + (atLeastOnce ? "useStorageWriteApiAtLeastOnce" : "useStorageWriteApi")
            + "=false to write with load jobs (FILE_LOADS)");
  }

  /** The first such column, depth first, as a field whose name is its dotted path; or null. */
  private static TableFieldSchema firstUnconverted(List<TableFieldSchema> fields, String parent) {
    for (TableFieldSchema field : fields) {
      String path = parent.isEmpty() ? field.getName() : parent + "." + field.getName();
      if (UNCONVERTED.contains(field.getType())) {
        return new TableFieldSchema().setName(path).setType(field.getType());
      }
      if (field.getFields() != null) {
        TableFieldSchema nested = firstUnconverted(field.getFields(), path);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }
}
