package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The BigQuery table schema a load job makes of a Parquet file's schema, by the "Parquet
 * conversions" table of https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-parquet:
 *
 * <pre>
 * Parquet type          logical type (converted type)                BigQuery type
 * BOOLEAN               none                                         BOOL
 * INT32                 none, INTEGER (INT_8/16/32, UINT_8/16/32)     INT64
 * INT32                 DECIMAL                                      NUMERIC, BIGNUMERIC or STRING
 * INT32                 DATE                                         DATE
 * INT64                 none, INTEGER (INT_64, UINT_64)              INT64
 * INT64                 DECIMAL                                      NUMERIC, BIGNUMERIC or STRING
 * INT64                 TIMESTAMP MILLIS / MICROS, adjusted to UTC   TIMESTAMP
 * INT96                 none                                         TIMESTAMP
 * FLOAT, DOUBLE         none                                         FLOAT64
 * BYTE_ARRAY            none                                         BYTES
 * BYTE_ARRAY            STRING (UTF8)                                STRING
 * BYTE_ARRAY            ENUM                                         BYTES, or STRING with enumAsString
 * FIXED_LEN_BYTE_ARRAY  DECIMAL                                      NUMERIC, BIGNUMERIC or STRING
 * FIXED_LEN_BYTE_ARRAY  none                                         BYTES
 * group                                                              RECORD
 * </pre>
 *
 * A REQUIRED field is REQUIRED, an OPTIONAL one NULLABLE, a REPEATED one REPEATED. A DECIMAL(P, S)
 * takes the first of NUMERIC, BIGNUMERIC, STRING that {@code decimalTargetTypes} lists and that
 * holds it (NUMERIC: S &le; 9 and P - S &le; 29; BIGNUMERIC: S &le; 38 and P - S &le; 38); by
 * default NUMERIC alone. When none listed holds it, the widest listed type is taken and each value
 * is checked against its range, as the REST reference says ({@link DecimalTargetTypes}). A UINT_64
 * value above INT64's maximum fails its row, as BigQuery's load does.
 *
 * <p>Options, under BigQuery's names and with BigQuery's defaults (both off, as the REST reference
 * ParquetOptions has them): {@code enumAsString} makes ENUM a STRING instead of BYTES; {@code
 * enableListInference} loads a LIST-annotated group in the standard form, or in a form of Parquet's
 * backward-compatibility rules, as a REPEATED field of its element type (the {@code list} and
 * {@code element} levels omitted). Without it such a group is a RECORD like any other (a REPEATED
 * RECORD {@code list} holding {@code element}).
 *
 * <p>Our extensions, where the table is silent and the value has one exact BigQuery form:
 *
 * <ul>
 *   <li>INT64 TIMESTAMP MILLIS / MICROS not adjusted to UTC: DATETIME (a local date and time).
 *   <li>TIME MILLIS (INT32) / MICROS (INT64): TIME.
 *   <li>BYTE_ARRAY JSON: JSON.
 *   <li>BYTE_ARRAY DECIMAL: as the FIXED_LEN_BYTE_ARRAY row.
 * </ul>
 *
 * <p>Refused, with an {@link IllegalArgumentException} naming the column: TIME and TIMESTAMP in
 * NANOS (BigQuery keeps microseconds: values would be cut), MAP (no single BigQuery form; the
 * {@code mapTargetType} option is not offered), INTERVAL, BSON, UUID, FLOAT16, GEOMETRY, GEOGRAPHY,
 * VARIANT, any other annotation, a group without fields, and, with list inference, a LIST whose
 * element is itself an inferred list (BigQuery has no array of arrays). A refused column can still
 * be skipped: leave it out of a JSONPath schema and set {@code ignoreUnknownValues}.
 */
public final class ParquetTableSchemas {
  private ParquetTableSchemas() {}

  /**
   * @throws IllegalArgumentException naming the column BigQuery cannot load (or that we refuse) and
   *     why
   */
  public static TableSchema toTableSchema(MessageType parquet, ParquetOptions options) {
    return new TableSchema().setFields(fields(parquet, "", options));
  }

  private static List<TableFieldSchema> fields(
      GroupType group, String parentPath, ParquetOptions options) {
    List<TableFieldSchema> fields = new ArrayList<>(group.getFieldCount());
    Set<String> names = new HashSet<>();
    for (Type field : group.getFields()) {
      String path = parentPath.isEmpty() ? field.getName() : parentPath + "." + field.getName();
      String problem = ColumnNames.problemWith(field.getName());
      if (problem != null) {
        throw new IllegalArgumentException(
            "Parquet column '" + path + "' cannot be a BigQuery column: " + problem);
      }
      if (!names.add(field.getName().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "Parquet column '"
                + path
                + "' differs from another column only in case; BigQuery column names are"
                + " case-insensitive");
      }
      fields.add(field(field, path, options));
    }
    return fields;
  }

  private static TableFieldSchema field(Type field, String path, ParquetOptions options) {
    if (!field.isPrimitive() && options.enableListInference()) {
      Type element = listElement(field.asGroupType());
      if (element != null) {
        TableFieldSchema elementField = typed(element, path, options);
        if (isInferredList(element)) {
          throw new IllegalArgumentException(
              "Parquet column '"
                  + path
                  + "' is a LIST of LISTs, which has no BigQuery form with enableListInference"
                  + " (BigQuery has no array of arrays); turn enableListInference off to load it as"
                  + " nested records");
        }
        return elementField.setName(field.getName()).setMode("REPEATED");
      }
    }
    return typed(field, path, options).setName(field.getName()).setMode(mode(field));
  }

  /** The field's type (and nested fields), without name or mode. */
  private static TableFieldSchema typed(Type field, String path, ParquetOptions options) {
    if (field.isPrimitive()) {
      ParquetKind kind = ParquetKind.of(field.asPrimitiveType(), path);
      return new TableFieldSchema().setType(naturalType(kind, field, path, options).schemaName());
    }
    GroupType group = field.asGroupType();
    LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
    if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      throw new IllegalArgumentException(
          "Parquet column '"
              + path
              + "' is a MAP, which we do not load (BigQuery's mapTargetType option is not offered);"
              + " write it as a repeated group of key and value, or leave it out of a JSONPath"
              + " schema and set ignoreUnknownValues");
    }
    if (annotation != null
        && !(annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
      throw new IllegalArgumentException(
          "Parquet column '"
              + path
              + "' is a group annotated "
              + annotation
              + ", which BigQuery's Parquet conversion does not load");
    }
    if (group.getFieldCount() == 0) {
      throw new IllegalArgumentException(
          "Parquet column '" + path + "' is a group without fields; a BigQuery RECORD needs one");
    }
    return new TableFieldSchema()
        .setType(BigQueryType.RECORD.schemaName())
        .setFields(fields(group, path, options));
  }

  private static boolean isInferredList(Type element) {
    return !element.isPrimitive() && listElement(element.asGroupType()) != null;
  }

  private static String mode(Type field) {
    switch (field.getRepetition()) {
      case REQUIRED:
        return "REQUIRED";
      case REPEATED:
        return "REPEATED";
      default:
        return "NULLABLE";
    }
  }

  /** The BigQuery type a load job gives a leaf column of {@code kind}. */
  static BigQueryType naturalType(
      ParquetKind kind, Type column, String path, ParquetOptions options) {
    switch (kind) {
      case INT32_SIGNED:
      case INT32_UNSIGNED:
      case INT64_SIGNED:
      case INT64_UNSIGNED:
        return BigQueryType.INTEGER;
      case DECIMAL_INT32:
      case DECIMAL_INT64:
      case DECIMAL_BINARY:
        DecimalLogicalTypeAnnotation decimal =
            (DecimalLogicalTypeAnnotation) column.getLogicalTypeAnnotation();
        return decimals(options).targetFor(decimal.getPrecision(), decimal.getScale());
      case DATE:
        return BigQueryType.DATE;
      case TIMESTAMP_MILLIS:
      case TIMESTAMP_MICROS:
      case INT96:
        return BigQueryType.TIMESTAMP;
      case DATETIME_MILLIS:
      case DATETIME_MICROS:
        return BigQueryType.DATETIME;
      case TIME_MILLIS:
      case TIME_MICROS:
        return BigQueryType.TIME;
      case FLOAT:
      case DOUBLE:
        return BigQueryType.FLOAT;
      case BOOLEAN:
        return BigQueryType.BOOLEAN;
      case STRING:
        return BigQueryType.STRING;
      case ENUM:
        return options.enumAsString() ? BigQueryType.STRING : BigQueryType.BYTES;
      case JSON:
        return BigQueryType.JSON;
      case BYTES:
      default:
        return BigQueryType.BYTES;
    }
  }

  /** decimalTargetTypes, BigQuery's default (NUMERIC alone) when the options give none. */
  static DecimalTargetTypes decimals(ParquetOptions options) {
    return options.decimals() == null ? DecimalTargetTypes.defaults() : options.decimals();
  }

  /**
   * The element of a LIST-annotated group in the standard three-level form or one of the forms of
   * Parquet's backward-compatibility rules (parquet-format LogicalTypes.md, Lists); null when
   * {@code group} is not such a list. The element is the repeated field itself when that field is a
   * primitive, a group of several fields, or a one-field group named {@code array} or {@code <list
   * name>_tuple}; otherwise it is the repeated group's only field.
   */
  static Type listElement(GroupType group) {
    if (!(group.getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
        || group.getFieldCount() != 1
        || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      return null;
    }
    Type repeated = group.getType(0);
    if (repeated.isPrimitive()) {
      return repeated;
    }
    GroupType repeatedGroup = repeated.asGroupType();
    if (repeatedGroup.getFieldCount() != 1
        || repeated.getName().equals("array")
        || repeated.getName().equals(group.getName() + "_tuple")) {
      return repeatedGroup.getFieldCount() == 0 ? null : repeated;
    }
    return repeatedGroup.getType(0);
  }
}
