package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQueryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The Avro schema BigQueryIO writes a table's rows with ({@code withAvroSchemaFactory}), one for
 * each write method.
 *
 * <p>{@link #forLoadFiles}: the temporary files of FILE_LOADS, loaded with {@code
 * useAvroLogicalTypes}. Each type as BigQuery's Avro loading page maps it
 * (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro#avro_conversions): STRING
 * string; BYTES bytes; INT64 long; FLOAT64 double; BOOL boolean; NUMERIC bytes decimal(38,9);
 * BIGNUMERIC bytes decimal(77,38); TIMESTAMP long timestamp-micros; DATE int date; TIME long
 * time-micros; DATETIME long local-timestamp-micros (Beam's own default writes a string with a
 * {@code datetime} logical type, which a load job refuses as "incompatible types"); RECORD a
 * record; REPEATED an array; NULLABLE a union [null, T] defaulting to null; REQUIRED the plain
 * type. GEOGRAPHY and JSON: a string (the text the JSON load path sends), marked with {@code
 * "sqlType"} as BigQuery's Avro export marks them; the loading page lists no Avro type of their
 * own.
 *
 * <p>{@link #forStorageWrite}: the same, except DATETIME. Beam 2.73's {@code
 * AvroGenericRecordToStorageApiProto} makes a DATETIME field of local-timestamp-micros but copies
 * the long into the proto unchanged, where BigQuery reads an int64 DATETIME as {@code
 * CivilTimeEncoder}'s packed form: epoch micros would land as a wrong date. So this schema marks
 * the field with {@link #DATETIME_ENCODING} and its values are packed; the proto then equals the
 * one Beam's TableRow path makes. (GEOGRAPHY and JSON reach Beam's proto schema as STRING, as Beam
 * reads no sqlType; all three are proto strings, so the descriptor is the TableRow path's.)
 *
 * <p>Wiring: {@code withAvroSchemaFactory} with the method's schema and {@code
 * withAvroFormatFunction(new TableRowToAvro())}. FILE_LOADS also needs {@code
 * useAvroLogicalTypes()}: BigQueryIO.Write's default is false, and without it a load job reads
 * timestamp-micros as an INTEGER and a decimal as BYTES. On the Storage Write API give {@code
 * withFormatRecordOnFailureFunction} the row itself: otherwise Beam rebuilds a failed row from the
 * GenericRecord, where a packed DATETIME reads as another time.
 *
 * <p>Record names: {@code root}, and for each RECORD column its name and a number unique in the
 * schema ({@code address_1}): Avro refuses a schema that defines one name twice, and two RECORD
 * columns may share a name at different depths.
 */
public final class BigQueryAvroSchemas {
  /** The property naming how a DATETIME long is encoded; its value is {@link #CIVIL_PACKED}. */
  public static final String DATETIME_ENCODING = "bqflexDatetimeEncoding";

  /** {@code CivilTimeEncoder.encodePacked64DatetimeMicros}: what the Storage Write API reads. */
  public static final String CIVIL_PACKED = "civil-packed64-micros";

  private BigQueryAvroSchemas() {}

  /**
   * @throws IllegalArgumentException with {@link #whyNotAvro}'s reason
   */
  public static Schema forLoadFiles(TableSchema table) {
    return new Builder(false).root(table);
  }

  /**
   * @throws IllegalArgumentException with {@link #whyNotAvro}'s reason
   */
  public static Schema forStorageWrite(TableSchema table) {
    return new Builder(true).root(table);
  }

  /**
   * Null when both schemas carry every column of {@code table}; else one sentence naming the first
   * column (depth first, as a dotted path) that Avro cannot carry, and why.
   */
  public static String whyNotAvro(TableSchema table) {
    return whyNot(table.getFields(), "");
  }

  private static String whyNot(List<TableFieldSchema> fields, String parent) {
    for (TableFieldSchema field : fields) {
      String path = parent + field.getName();
      String name = field.getName();
      if (!isAvroName(name)) {
        return "column '"
            + path
            + "' is not an Avro name ([A-Za-z_][A-Za-z0-9_]*), which BigQuery's Avro loading"
            + " requires of every field name";
      }
      BigQueryType type = BigQueryType.fromName(field.getType());
      if (type == null) {
        return "column '"
            + path
            + "' has type "
            + field.getType()
            + ", which BigQuery does not know";
      }
      if (type == BigQueryType.RANGE || type == BigQueryType.INTERVAL) {
        return "column '"
            + path
            + "' is "
            + (type == BigQueryType.INTERVAL ? "an " : "a ")
            + type.sqlName()
            + ", which has no Avro form that BigQuery loads";
      }
      if (type == BigQueryType.TIMESTAMP
          && Long.valueOf(12).equals(field.getTimestampPrecision())) {
        return "column '"
            + path
            + "' is a TIMESTAMP with picosecond precision, which Avro's timestamp-micros cannot"
            + " hold";
      }
      if (type == BigQueryType.RECORD) {
        String nested = whyNot(field.getFields(), path + ".");
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  /** Avro's name rule, ASCII letters and digits only (Character.isLetter would admit others). */
  private static boolean isAvroName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** Builds one schema; numbers the records so that their names are unique within it. */
  private static final class Builder {
    private final boolean storageWrite;
    private int records;

    Builder(boolean storageWrite) {
      this.storageWrite = storageWrite;
    }

    Schema root(TableSchema table) {
      String why = whyNotAvro(table);
      if (why != null) {
        throw new IllegalArgumentException(why);
      }
      return record("root", table.getFields());
    }

    private Schema record(String name, List<TableFieldSchema> columns) {
      List<Schema.Field> fields = new ArrayList<>(columns.size());
      for (TableFieldSchema column : columns) {
        fields.add(field(column));
      }
      return Schema.createRecord(name, null, null, false, fields);
    }

    private Schema.Field field(TableFieldSchema column) {
      Schema value = value(column);
      String mode =
          column.getMode() == null ? "NULLABLE" : column.getMode().toUpperCase(Locale.ROOT);
      switch (mode) {
        case "REQUIRED":
          return new Schema.Field(column.getName(), value);
        case "REPEATED":
          return new Schema.Field(column.getName(), Schema.createArray(value));
        default:
          Schema nullable = Schema.createUnion(Schema.create(Schema.Type.NULL), value);
          return new Schema.Field(
              column.getName(), nullable, null, Schema.Field.NULL_DEFAULT_VALUE);
      }
    }

    private Schema value(TableFieldSchema column) {
      switch (BigQueryType.fromName(column.getType())) {
        case STRING:
          return Schema.create(Schema.Type.STRING);
        case BYTES:
          return Schema.create(Schema.Type.BYTES);
        case INTEGER:
          return Schema.create(Schema.Type.LONG);
        case FLOAT:
          return Schema.create(Schema.Type.DOUBLE);
        case BOOLEAN:
          return Schema.create(Schema.Type.BOOLEAN);
        case NUMERIC:
          // The widest NUMERIC: a NUMERIC(P, S) column's values fit it, and Beam's proto schema
          // reads a decimal of scale <= 9 and <= 29 integer digits as NUMERIC.
          return LogicalTypes.decimal(38, 9).addToSchema(Schema.create(Schema.Type.BYTES));
        case BIGNUMERIC:
          return LogicalTypes.decimal(77, 38).addToSchema(Schema.create(Schema.Type.BYTES));
        case TIMESTAMP:
          return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        case DATE:
          return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        case TIME:
          return LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
        case DATETIME:
          Schema datetime =
              LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
          if (storageWrite) {
            datetime.addProp(DATETIME_ENCODING, CIVIL_PACKED);
          }
          return datetime;
        case GEOGRAPHY:
        case JSON:
          Schema text = Schema.create(Schema.Type.STRING);
          text.addProp("sqlType", BigQueryType.fromName(column.getType()).sqlName());
          return text;
        case RECORD:
          records++;
          return record(column.getName() + "_" + records, column.getFields());
        default:
          throw new IllegalArgumentException(whyNot(List.of(column), ""));
      }
    }
  }
}
