package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.BigQueryType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * BigQuery's limits on clustering columns
 * (https://cloud.google.com/bigquery/docs/clustered-tables#limitations), checked at launch against
 * the schema: otherwise the first load job or table creation fails once the job runs.
 */
final class ClusteringColumns {
  private static final Set<BigQueryType> CLUSTERABLE =
      EnumSet.of(
          BigQueryType.BIGNUMERIC,
          BigQueryType.BOOLEAN,
          BigQueryType.DATE,
          BigQueryType.DATETIME,
          BigQueryType.GEOGRAPHY,
          BigQueryType.INTEGER,
          BigQueryType.NUMERIC,
          BigQueryType.RANGE,
          BigQueryType.STRING,
          BigQueryType.TIMESTAMP);

  private ClusteringColumns() {}

  /**
   * The schema's spelling of each of {@code fields} (column names are case-insensitive in
   * BigQuery).
   *
   * @throws InvalidParameterException naming clusteringFields when a field is not a top-level,
   *     non-repeated column of a type BigQuery clusters by
   */
  static List<String> of(List<String> fields, String schemaJson) {
    List<TableFieldSchema> columns = BigQuerySchemas.parse(schemaJson, "schema").getFields();
    List<String> names = new ArrayList<>();
    for (String field : fields) {
      TableFieldSchema column =
          columns.stream()
              .filter(c -> c.getName().equalsIgnoreCase(field))
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidParameterException(
                          "clusteringFields",
                          "column '"
                              + field
                              + "' is not a top-level column of the output table's schema"));
      BigQueryType type = BigQueryType.fromName(column.getType());
      if ("REPEATED".equals(column.getMode())) {
        throw refused(column, "REPEATED (an array)");
      }
      if (!CLUSTERABLE.contains(type)) {
        throw refused(column, type == null ? column.getType() : type.sqlName());
      }
      names.add(column.getName());
    }
    return names;
  }

  private static InvalidParameterException refused(TableFieldSchema column, String what) {
    String allowed =
        CLUSTERABLE.stream().map(BigQueryType::sqlName).sorted().collect(Collectors.joining(", "));
    return new InvalidParameterException(
        "clusteringFields",
        "column '"
            + column.getName()
            + "' is "
            + what
            + "; BigQuery clusters only by non-repeated columns of type "
            + allowed);
  }
}
