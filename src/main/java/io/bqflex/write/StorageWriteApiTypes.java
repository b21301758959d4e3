package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.pipeline.InvalidParameterException;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Refuses, at launch, a schema with a column type that Beam 2.73's Storage Write API conversion
 * ({@code TableRowToStorageApiProto}) cannot write: RANGE. (INTERVAL is refused for every method
 * when the schema is read.) Without this check every row would reach the writer and fail there.
 */
final class StorageWriteApiTypes {
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
    String column = firstRange(schema.getFields(), "");
    if (column == null) {
      return;
    }
    String problem =
        "column '" + column + "' is a RANGE, which Beam's Storage Write API writer cannot convert";
    if (options.as(StreamingOptions.class).isStreaming()) {
      throw new InvalidParameterException(
          schemaParameter,
          problem + "; streaming jobs write only through it, so load RANGE columns in batch");
    }
    boolean atLeastOnce = Boolean.TRUE.equals(options.getUseStorageWriteApiAtLeastOnce());
    throw new InvalidParameterException(
        atLeastOnce ? "useStorageWriteApiAtLeastOnce" : "useStorageWriteApi",
        problem
            + "; set "
            + (atLeastOnce ? "useStorageWriteApiAtLeastOnce" : "useStorageWriteApi")
            + "=false to write with load jobs (FILE_LOADS)");
  }

  private static String firstRange(List<TableFieldSchema> fields, String parent) {
    for (TableFieldSchema field : fields) {
      String path = parent.isEmpty() ? field.getName() : parent + "." + field.getName();
      if ("RANGE".equals(field.getType())) {
        return path;
      }
      if (field.getFields() != null) {
        String nested = firstRange(field.getFields(), path);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }
}
