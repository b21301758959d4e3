package io.bqflex.rows;

import com.google.api.client.util.ArrayMap;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import java.util.Map;

/**
 * One schema field compiled for conversion: everything the per-record code needs, looked up once
 * per schema instead of once per value.
 */
final class FieldPlan {
  final String name;

  /** The dotted path from the top-level record, used in error messages. */
  final String path;

  /** Position among its siblings. */
  final int index;

  final BigQueryType type;
  final boolean required;
  final boolean repeated;

  /** The nested fields of a RECORD; null otherwise. */
  final RecordPlan record;

  /** STRING(L) / BYTES(L): characters / bytes; -1 when unlimited. */
  final long maxLength;

  /** NUMERIC and BIGNUMERIC only. */
  final DecimalLimits decimal;

  /** RANGE only: DATE, DATETIME or TIMESTAMP. */
  final BigQueryType rangeElement;

  FieldPlan(TableFieldSchema schema, String parentPath, int index) {
    this.name = schema.getName();
    this.path = parentPath.isEmpty() ? name : parentPath + "." + name;
    this.index = index;
    this.type = BigQueryType.fromName(schema.getType());
    this.required = "REQUIRED".equals(schema.getMode());
    this.repeated = "REPEATED".equals(schema.getMode());
    this.record = type == BigQueryType.RECORD ? new RecordPlan(schema.getFields(), path) : null;
    this.maxLength = schema.getMaxLength() == null ? -1 : schema.getMaxLength();
    this.decimal =
        type == BigQueryType.NUMERIC || type == BigQueryType.BIGNUMERIC
            ? DecimalLimits.of(
                type, schema.getPrecision(), schema.getScale(), schema.getRoundingMode())
            : null;
    this.rangeElement =
        type == BigQueryType.RANGE
            ? BigQueryType.fromName(schema.getRangeElementType().getType())
            : null;
  }

  /**
   * Stores this field's value in {@code row}, always in its unknown-keys map. {@code TableRow.set}
   * would look for a declared {@code @Key} field on every call (a third of the conversion's time)
   * and, for a column named {@code f}, find TableRow's own cell list and refuse any value that is
   * not a list. Every serialization of the row (Jackson, the Storage Write API conversion) reads
   * the unknown keys, and {@link io.bqflex.core.TableRowCoder} reads rows back the same way.
   *
   * <p>The converters put each field at most once per row (a JSON key seen twice is an error before
   * this), so the value is appended without looking for the name first: the unknown keys are an
   * {@link ArrayMap}, whose {@code put} compares the name with every key already there, and that
   * search, with the map's growth from empty, was a fifth of a JSON line's conversion. Rows from
   * {@link RecordPlan#newRow} have room for every field.
   */
  @SuppressWarnings("unchecked")
  void putInto(TableRow row, Object value) {
    Map<String, Object> cells = row.getUnknownKeys();
    if (cells instanceof ArrayMap) {
      ((ArrayMap<String, Object>) cells).add(name, value);
    } else {
      cells.put(name, value);
    }
  }

  /**
   * The path to show in an error. {@code prefix} is null unless the field sits inside an element of
   * a REPEATED RECORD (then it is that element's path, e.g. {@code items[2]}); {@code element} is
   * the position in this field's own array, or -1.
   */
  String displayPath(String prefix, int element) {
    String base = prefix == null ? path : prefix + "." + name;
    return element < 0 ? base : base + "[" + element + "]";
  }
}
