package io.bqflex.write;

import io.bqflex.core.InvalidParameterException;

/**
 * What routed rows without {@code JSONPath} cannot do: each table's own schema converts its rows,
 * found only when its first row comes, so whatever needs one schema known at launch, or makes or
 * changes tables by it, is refused before the job starts.
 */
final class TablesOwnSchemas {
  private TablesOwnSchemas() {}

  /**
   * @throws InvalidParameterException naming the first parameter given that needs {@code JSONPath}
   */
  static void refuseWhatNeedsOneSchema(BigQueryOutputOptions options) {
    String ownPartitioning = "each table keeps its own partitioning and clustering";
    refuseIfGiven("timePartitioningField", options.getTimePartitioningField(), ownPartitioning);
    refuseIfGiven("clusteringFields", options.getClusteringFields(), ownPartitioning);
    refuseIfGiven(
        SchemaUpdates.PARAMETER,
        options.getSchemaUpdateOptions(),
        "a table gains only the columns a schema file gives; autoMapTables adds those each"
            + " table's own records call for");
  }

  private static void refuseIfGiven(String parameter, String value, String why) {
    if (value != null && !value.isBlank()) {
      refuse(parameter, why);
    }
  }

  private static void refuse(String parameter, String why) {
    throw new InvalidParameterException(
        parameter,
        "needs JSONPath when a template names the rows' tables: without it each table's own"
            + " schema converts its rows, and "
            + why);
  }
}
