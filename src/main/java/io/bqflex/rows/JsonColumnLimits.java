package io.bqflex.rows;

import com.fasterxml.jackson.databind.JsonNode;
import io.bqflex.core.RecordException;
import java.util.Iterator;
import java.util.Map;

/**
 * What BigQuery's JSON type cannot hold, checked on a JSON column's parsed value so that it is a
 * dead letter rather than a different value or a failed load:
 *
 * <ul>
 *   <li>nesting deeper than 500 levels (each object or array is a level), BigQuery's limit
 *       (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#json_type);
 *   <li>a number beyond FLOAT64 ({@code 1e400}): Jackson reads it as infinity and would write the
 *       string {@code "Infinity"};
 *   <li>a lone UTF-16 surrogate in a string or a key: it would be written as {@code ?}.
 * </ul>
 *
 * Runs only for JSON columns, once per value, without allocating unless it fails.
 */
final class JsonColumnLimits {
  static final int MAX_NESTING = 500;

  private JsonColumnLimits() {}

  static void check(FieldPlan field, JsonNode value, String prefix, int element)
      throws RecordException {
    check(field, value, 0, prefix, element);
  }

  private static void check(FieldPlan field, JsonNode node, int depth, String prefix, int element)
      throws RecordException {
    if (node.isContainerNode()) {
      if (depth == MAX_NESTING) {
        throw BigQueryValues.error(
            field,
            prefix,
            element,
            "JSON nested deeper than " + MAX_NESTING + " levels, BigQuery's limit");
      }
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          BigQueryValues.checkUnicode(field, entry.getKey(), "a JSON key ", prefix, element);
          check(field, entry.getValue(), depth + 1, prefix, element);
        }
      } else {
        for (JsonNode child : node) {
          check(field, child, depth + 1, prefix, element);
        }
      }
    } else if (node.isTextual()) {
      BigQueryValues.checkUnicode(field, node.textValue(), "a JSON string ", prefix, element);
    } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      throw BigQueryValues.error(
          field,
          prefix,
          element,
          "a JSON number beyond FLOAT64's range, which BigQuery cannot hold");
    }
  }
}
