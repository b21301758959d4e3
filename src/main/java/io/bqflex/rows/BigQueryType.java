package io.bqflex.rows;

import java.util.Locale;

/**
 * A BigQuery column type. Schema files spell types in legacy or standard SQL names; we keep one
 * spelling, the legacy one ({@link #schemaName()}), because it is what {@code bq show --schema}
 * prints and every BigQueryIO path (FILE_LOADS, the Avro writer, {@code TableRowToStorageApiProto})
 * accepts it.
 */
public enum BigQueryType {
  STRING("STRING", "STRING"),
  BYTES("BYTES", "BYTES"),
  INTEGER("INTEGER", "INT64"),
  FLOAT("FLOAT", "FLOAT64"),
  NUMERIC("NUMERIC", "NUMERIC"),
  BIGNUMERIC("BIGNUMERIC", "BIGNUMERIC"),
  BOOLEAN("BOOLEAN", "BOOL"),
  TIMESTAMP("TIMESTAMP", "TIMESTAMP"),
  DATE("DATE", "DATE"),
  TIME("TIME", "TIME"),
  DATETIME("DATETIME", "DATETIME"),
  GEOGRAPHY("GEOGRAPHY", "GEOGRAPHY"),
  JSON("JSON", "JSON"),
  /** RANGE&lt;DATE|DATETIME|TIMESTAMP&gt;; the element type is the field's rangeElementType. */
  RANGE("RANGE", "RANGE"),
  /** Written on FILE_LOADS only: see {@code BigQueryIntervals}. */
  INTERVAL("INTERVAL", "INTERVAL"),
  RECORD("RECORD", "STRUCT");

  private final String schemaName;
  private final String sqlName;

  BigQueryType(String schemaName, String sqlName) {
    this.schemaName = schemaName;
    this.sqlName = sqlName;
  }

  /** The spelling written into schemas we produce. */
  public String schemaName() {
    return schemaName;
  }

  /** The standard SQL spelling, used in messages because BigQuery's docs use it. */
  public String sqlName() {
    return sqlName;
  }

  /**
   * The type named {@code name} in either spelling, case-insensitively; null if there is none.
   * BIGDECIMAL is BigQuery's alias of BIGNUMERIC.
   */
  public static BigQueryType fromName(String name) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    if (upper.equals("BIGDECIMAL")) {
      return BIGNUMERIC;
    }
    if (upper.equals("DECIMAL")) {
      return NUMERIC;
    }
    for (BigQueryType type : values()) {
      if (type.schemaName.equals(upper) || type.sqlName.equals(upper)) {
        return type;
      }
    }
    return null;
  }
}
