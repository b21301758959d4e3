package io.bqflex.rows;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * An Avro type as BigQuery's Avro conversion tables name it, logical types read
 * (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro#avro_conversions). A
 * logical type that Avro itself finds invalid (a date on a long, a decimal whose precision its
 * fixed size cannot hold) is not read: Avro's parser drops it, and the underlying type applies, as
 * BigQuery does for a type it does not know.
 */
enum AvroKind {
  NULL,
  BOOLEAN,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  STRING,
  UUID,
  BYTES,
  FIXED,
  DURATION,
  DECIMAL,
  DATE,
  TIME_MILLIS,
  TIME_MICROS,
  TIMESTAMP_MILLIS,
  TIMESTAMP_MICROS,
  LOCAL_TIMESTAMP_MILLIS,
  LOCAL_TIMESTAMP_MICROS,
  ENUM,
  RECORD,
  ARRAY,
  MAP,
  UNION;

  static AvroKind of(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      switch (logical.getName()) {
        case "decimal":
          return DECIMAL;
        case "date":
          return DATE;
        case "time-millis":
          return TIME_MILLIS;
        case "time-micros":
          return TIME_MICROS;
        case "timestamp-millis":
          return TIMESTAMP_MILLIS;
        case "timestamp-micros":
          return TIMESTAMP_MICROS;
        case "local-timestamp-millis":
          return LOCAL_TIMESTAMP_MILLIS;
        case "local-timestamp-micros":
          return LOCAL_TIMESTAMP_MICROS;
        case "uuid":
          return UUID;
        default:
          break; // big-decimal and custom types: the underlying type, as BigQuery lists none
      }
    }
    switch (schema.getType()) {
      case NULL:
        return NULL;
      case BOOLEAN:
        return BOOLEAN;
      case INT:
        return INT;
      case LONG:
        return LONG;
      case FLOAT:
        return FLOAT;
      case DOUBLE:
        return DOUBLE;
      case STRING:
        return STRING;
      case BYTES:
        return BYTES;
      case FIXED:
        // Avro 1.11 has no class for duration; the attribute is still on the schema.
        return "duration".equals(schema.getProp(LogicalType.LOGICAL_TYPE_PROP))
                && schema.getFixedSize() == 12
            ? DURATION
            : FIXED;
      case ENUM:
        return ENUM;
      case RECORD:
        return RECORD;
      case ARRAY:
        return ARRAY;
      case MAP:
        return MAP;
      case UNION:
        return UNION;
      default:
        throw new IllegalArgumentException("unknown Avro type " + schema.getType());
    }
  }

  /**
   * The BigQuery type of a value of this kind (logical types on); null for a union, an array, a map
   * and null, which are not column types of their own.
   */
  BigQueryType ownType(Schema schema, DecimalTargetTypes decimals) {
    switch (this) {
      case BOOLEAN:
        return BigQueryType.BOOLEAN;
      case INT:
      case LONG:
        return BigQueryType.INTEGER;
      case FLOAT:
      case DOUBLE:
        return BigQueryType.FLOAT;
      case STRING:
      case UUID:
      case ENUM:
        return BigQueryType.STRING;
      case BYTES:
      case FIXED:
      case DURATION:
        return BigQueryType.BYTES;
      case DECIMAL:
        LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) schema.getLogicalType();
        return decimals.targetFor(decimal.getPrecision(), decimal.getScale());
      case DATE:
        return BigQueryType.DATE;
      case TIME_MILLIS:
      case TIME_MICROS:
        return BigQueryType.TIME;
      case TIMESTAMP_MILLIS:
      case TIMESTAMP_MICROS:
        return BigQueryType.TIMESTAMP;
      case LOCAL_TIMESTAMP_MILLIS:
      case LOCAL_TIMESTAMP_MICROS:
        return BigQueryType.DATETIME;
      case RECORD:
        return BigQueryType.RECORD;
      default:
        return null;
    }
  }

  /** The union's branches other than null, in their order. */
  static List<Schema> nonNullBranches(Schema union) {
    List<Schema> branches = new ArrayList<>(union.getTypes().size());
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        branches.add(branch);
      }
    }
    return branches;
  }

  /**
   * The name of the RECORD field that holds one branch of a union of several types: the branch's
   * type name ({@code int}, {@code string}, {@code array}) or the full name of a named type with
   * dots as underscores, then {@code _value}. BigQuery's page says such a union becomes "a RECORD
   * with a list of nullable fields" but not what they are called; this is the naming BigQuery is
   * reported to use (https://github.com/spotify/scio/issues/529), not verified against BigQuery.
   */
  static String branchFieldName(Schema branch) {
    return branch.getFullName().replace('.', '_') + "_value";
  }

  /**
   * The type as a message names it: {@code long (timestamp-micros)}, {@code bytes (decimal(10,
   * 2))}, {@code array<int>}, {@code record com.example.Address}, {@code union [null, int,
   * string]}.
   */
  static String describe(Schema schema) {
    switch (schema.getType()) {
      case ARRAY:
        return "array<" + describe(schema.getElementType()) + ">";
      case MAP:
        return "map<" + describe(schema.getValueType()) + ">";
      case UNION:
        List<String> branches = new ArrayList<>();
        for (Schema branch : schema.getTypes()) {
          branches.add(describe(branch));
        }
        return "union [" + String.join(", ", branches) + "]";
      case RECORD:
      case ENUM:
        return schema.getType().getName() + " " + schema.getFullName();
      case FIXED:
        return "fixed "
            + schema.getFullName()
            + " ("
            + schema.getFixedSize()
            + " bytes"
            + logicalSuffix(schema, ", ")
            + ")";
      default:
        String logical = logicalSuffix(schema, "");
        return schema.getType().getName() + (logical.isEmpty() ? "" : " (" + logical + ")");
    }
  }

  private static String logicalSuffix(Schema schema, String separator) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return separator + "decimal(" + decimal.getPrecision() + ", " + decimal.getScale() + ")";
    }
    if (logical != null) {
      return separator + logical.getName();
    }
    // Avro 1.11 knows no duration class; any other attribute it dropped as invalid means nothing.
    String declared = schema.getProp(LogicalType.LOGICAL_TYPE_PROP);
    return "duration".equals(declared) ? separator + declared : "";
  }
}
