package io.bqflex.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.RecordException;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.NewColumns;
import io.bqflex.rows.PayloadFormat;
import java.io.Serializable;
import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * A table's schema worked out while the job runs ({@link MapNewColumns}), as a side input in the
 * shape BigQueryIO's {@code withSchemaFromView} takes (table spec → schema JSON), and the payload
 * format for it. Each conversion step makes the format once per schema it sees.
 */
public final class TableSchemaView implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The side input's name in the conversion step. */
  static final String SIDE_INPUT = "tableSchemas";

  private final PCollectionView<Map<String, String>> view;
  private final String table;
  private final SerializableFunction<TableSchema, PayloadFormat> formatFor;

  private transient String formatSchema;
  private transient PayloadFormat format;
  private transient Map<String, String> conflicts;

  /**
   * @param table the key of the schema in the view: the table spec BigQueryIO writes to
   * @param formatFor the format for a schema
   */
  public TableSchemaView(
      PCollectionView<Map<String, String>> view,
      String table,
      SerializableFunction<TableSchema, PayloadFormat> formatFor) {
    this.view = view;
    this.table = table;
    this.formatFor = formatFor;
  }

  public PCollectionView<Map<String, String>> view() {
    return view;
  }

  /**
   * The key under which the view also holds the fields records disagreed on (path → what they
   * gave), as JSON: BigQueryIO reads only the table's own key.
   */
  static String conflictsKey(String table) {
    return table + "#conflicts";
  }

  /** The fields records disagreed on in {@code widening}, as the view holds them: JSON. */
  static String conflictsJson(NewColumns.Widening widening) {
    try {
      return new ObjectMapper().writeValueAsString(widening.conflicts());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is JSON", e);
    }
  }

  /**
   * {@code e} saying, when it is about a field records disagreed on, what they gave: a record whose
   * value is not of the type most records gave is a dead letter naming both.
   */
  RecordException explained(Map<String, String> schemas, RecordException e) {
    if (conflicts == null) {
      conflicts = conflicts(schemas.get(conflictsKey(table)));
    }
    return withConflicts(conflicts, e);
  }

  /**
   * {@code e} saying, when it is about one of the fields records disagreed on (path → what they
   * gave, as {@link #conflicts} reads them), what they gave.
   */
  static RecordException withConflicts(Map<String, String> conflicts, RecordException e) {
    for (Map.Entry<String, String> conflict : conflicts.entrySet()) {
      if (e.getMessage().startsWith("field '" + conflict.getKey() + "'")) {
        return new RecordException(
            e.stage(),
            e.getMessage() + " (records disagree on the field's type: " + conflict.getValue() + ")",
            e);
      }
    }
    return e;
  }

  /** The conflicts the view holds as {@code json} (null: none), by field path. */
  static Map<String, String> conflicts(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return new ObjectMapper().readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("conflicts written by MapNewColumns: " + json, e);
    }
  }

  /** The format for the table's schema in {@code schemas}, the side input's value. */
  PayloadFormat format(Map<String, String> schemas) {
    String json = schemas.get(table);
    if (json == null) {
      throw new IllegalStateException("no schema was worked out for " + table);
    }
    if (!json.equals(formatSchema)) {
      format = formatFor.apply(BigQuerySchemas.parse(json, "schema of " + table));
      formatSchema = json;
    }
    return format;
  }
}
