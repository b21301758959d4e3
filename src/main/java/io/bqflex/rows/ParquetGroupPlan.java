package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One Parquet group type compiled against the BigQuery fields it fills: for each Parquet field, the
 * column it goes to and the reader of its values, chosen once per Parquet schema. A pairing that
 * can never convert is kept as {@link #problem} and fails every record of that schema.
 */
final class ParquetGroupPlan {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  /** The first pairing in this group or below that cannot convert; null when there is none. */
  final String problem;

  private final Column[] columns;

  /** Reads the value at {@code source}'s field {@code index}, repetition {@code repetition}. */
  @FunctionalInterface
  private interface ValueReader {
    Object read(Group source, int index, int repetition, String prefix, int element)
        throws RecordException;
  }

  private enum Shape {
    SINGLE,
    REPEATED,
    /** A LIST-annotated group read with list inference. */
    LIST
  }

  private static final class Column {
    final int index;
    final FieldPlan field;
    final Shape shape;
    final ValueReader reader;

    /** LIST only: whether the element is the repeated field itself (no holder group around it). */
    final boolean elementIsRepeatedField;

    Column(int index, FieldPlan field, Shape shape, ValueReader reader, boolean elementRepeated) {
      this.index = index;
      this.field = field;
      this.shape = shape;
      this.reader = reader;
      this.elementIsRepeatedField = elementRepeated;
    }
  }

  private ParquetGroupPlan(Column[] columns, String problem) {
    this.columns = columns;
    this.problem = problem;
  }

  static ParquetGroupPlan compile(
      GroupType type, RecordPlan record, ParquetOptions options, boolean ignoreUnknownValues) {
    return new Compiler(options, ignoreUnknownValues).group(type, record, "");
  }

  TableRow convert(Group group, String prefix) throws RecordException {
    TableRow row = RecordPlan.newRow(columns.length);
    for (Column column : columns) {
      if (column == null) {
        continue;
      }
      int count = group.getFieldRepetitionCount(column.index);
      FieldPlan field = column.field;
      if (column.shape == Shape.SINGLE) {
        if (count == 0) {
          if (field.required) {
            throw BigQueryValues.error(field, prefix, -1, "is REQUIRED but null");
          }
          continue;
        }
        field.putInto(row, column.reader.read(group, column.index, 0, prefix, -1));
      } else if (column.shape == Shape.REPEATED) {
        if (count == 0) {
          continue;
        }
        List<Object> values = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
          values.add(column.reader.read(group, column.index, r, prefix, r));
        }
        field.putInto(row, values);
      } else {
        List<Object> values = listValues(group, column, count, prefix);
        if (values != null) {
          field.putInto(row, values);
        }
      }
    }
    return row;
  }

  private static List<Object> listValues(Group group, Column column, int count, String prefix)
      throws RecordException {
    if (count == 0) {
      return null;
    }
    Group list = group.getGroup(column.index, 0);
    int size = list.getFieldRepetitionCount(0);
    if (size == 0) {
      return null;
    }
    List<Object> values = new ArrayList<>(size);
    for (int r = 0; r < size; r++) {
      if (column.elementIsRepeatedField) {
        values.add(column.reader.read(list, 0, r, prefix, r));
        continue;
      }
      Group holder = list.getGroup(0, r);
      if (holder.getFieldRepetitionCount(0) == 0) {
        throw BigQueryValues.error(
            column.field, prefix, r, "null is not allowed in a REPEATED field");
      }
      values.add(column.reader.read(holder, 0, 0, prefix, r));
    }
    return values;
  }

  /** Compiles groups, keeping the first problem met anywhere in the tree. */
  private static final class Compiler {
    private final ParquetOptions options;
    private final boolean ignoreUnknownValues;

    private String problem;

    Compiler(ParquetOptions options, boolean ignoreUnknownValues) {
      this.options = options;
      this.ignoreUnknownValues = ignoreUnknownValues;
    }

    private void fail(String message) {
      if (problem == null) {
        problem = message;
      }
    }

    ParquetGroupPlan group(GroupType type, RecordPlan record, String parentPath) {
      Column[] columns = new Column[type.getFieldCount()];
      boolean[] filled = new boolean[record.fields.length];
      for (int i = 0; i < columns.length; i++) {
        Type parquet = type.getType(i);
        String path =
            parentPath.isEmpty() ? parquet.getName() : parentPath + "." + parquet.getName();
        FieldPlan field = record.find(parquet.getName());
        if (field == null) {
          if (!ignoreUnknownValues) {
            fail(
                "Parquet column '"
                    + path
                    + "' is not in the BigQuery schema; add it to the schema or ignore unknown"
                    + " values");
          }
          continue;
        }
        if (filled[field.index]) {
          fail(
              "Parquet column '"
                  + path
                  + "' and another column of its group both match BigQuery field '"
                  + field.path
                  + "' (names are case-insensitive)");
          continue;
        }
        filled[field.index] = true;
        columns[i] = column(i, parquet, field, path);
      }
      for (int index : record.requiredIndexes) {
        if (!filled[index]) {
          fail(
              "field '"
                  + record.fields[index].path
                  + "' is REQUIRED but the Parquet file has no such column");
        }
      }
      return new ParquetGroupPlan(columns, problem);
    }

    private Column column(int index, Type parquet, FieldPlan field, String path) {
      Type element =
          !parquet.isPrimitive() && options.enableListInference()
              ? ParquetTableSchemas.listElement(parquet.asGroupType())
              : null;
      Shape shape =
          element != null
              ? Shape.LIST
              : parquet.isRepetition(Type.Repetition.REPEATED) ? Shape.REPEATED : Shape.SINGLE;
      if (field.repeated != (shape != Shape.SINGLE)) {
        fail(repetitionProblem(parquet, field, path));
        return null;
      }
      Type valueType = element != null ? element : parquet;
      ValueReader reader = reader(valueType, field, path);
      if (reader == null) {
        return null;
      }
      boolean elementRepeated = element != null && element.isRepetition(Type.Repetition.REPEATED);
      return new Column(index, field, shape, reader, elementRepeated);
    }

    private String repetitionProblem(Type parquet, FieldPlan field, String path) {
      if (!field.repeated) {
        return "field '"
            + field.path
            + "' is not REPEATED in the BigQuery schema, but Parquet column '"
            + path
            + "' is "
            + (parquet.isRepetition(Type.Repetition.REPEATED) ? "repeated" : "a LIST");
      }
      boolean list =
          !parquet.isPrimitive()
              && parquet.getLogicalTypeAnnotation()
                  instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation;
      return "field '"
          + field.path
          + "' is REPEATED in the BigQuery schema, but Parquet column '"
          + path
          + "' is not repeated"
          + (list && !options.enableListInference()
              ? "; set enableListInference to load its LIST as a REPEATED column"
              : "");
    }

    /** The reader of one value of {@code parquet} into {@code field}; null after a problem. */
    private ValueReader reader(Type parquet, FieldPlan field, String path) {
      if (!parquet.isPrimitive()) {
        if (field.type != BigQueryType.RECORD) {
          fail(
              "field '"
                  + field.path
                  + "': Parquet column '"
                  + path
                  + "' is a group, which does not load into a "
                  + field.type.sqlName()
                  + " column");
          return null;
        }
        ParquetGroupPlan child = group(parquet.asGroupType(), field.record, path);
        return (source, index, repetition, prefix, element) ->
            child.convert(
                source.getGroup(index, repetition),
                prefix == null && element < 0 ? null : field.displayPath(prefix, element));
      }
      PrimitiveType primitive = parquet.asPrimitiveType();
      ParquetKind kind;
      try {
        kind = ParquetKind.of(primitive, path);
      } catch (IllegalArgumentException e) {
        fail(e.getMessage());
        return null;
      }
      ValueReader reader = primitiveReader(kind, primitive, field);
      if (reader == null) {
        fail(
            "field '"
                + field.path
                + "': Parquet column '"
                + path
                + "' is "
                + ParquetKind.describe(primitive)
                + ", which does not load into a "
                + field.type.sqlName()
                + " column");
      }
      return reader;
    }

    /** Null when values of {@code kind} do not load into {@code field}'s type. */
    private ValueReader primitiveReader(ParquetKind kind, PrimitiveType column, FieldPlan field) {
      BigQueryType type = field.type;
      if (kind.isText()) {
        return textReader(kind, column, field);
      }
      if (kind.isDecimal()) {
        if (type != BigQueryType.NUMERIC
            && type != BigQueryType.BIGNUMERIC
            && type != BigQueryType.STRING) {
          return null;
        }
        LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal =
            (LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) column.getLogicalTypeAnnotation();
        int scale = decimal.getScale();
        String hint =
            type == BigQueryType.STRING
                ? ""
                : DecimalTargetTypes.hintFor(type, decimal.getPrecision(), scale);
        switch (kind) {
          case DECIMAL_INT32:
            return (s, i, r, p, e) ->
                decimal(field, ParquetValues.decimal(s.getInteger(i, r), scale), hint, p, e);
          case DECIMAL_INT64:
            return (s, i, r, p, e) ->
                decimal(field, ParquetValues.decimal(s.getLong(i, r), scale), hint, p, e);
          default:
            return (s, i, r, p, e) ->
                decimal(field, ParquetValues.decimal(s.getBinary(i, r), scale), hint, p, e);
        }
      }
      BigQueryType natural = ParquetTableSchemas.naturalType(kind, column, field.path, options);
      if (kind == ParquetKind.BYTES && type == BigQueryType.GEOGRAPHY) {
        // BigQuery loads WKB from a BYTE_ARRAY into a GEOGRAPHY column of a given schema.
        return (s, i, r, p, e) ->
            BigQueryGeography.check(
                field, ParquetValues.hex(s.getBinary(i, r).getBytesUnsafe()), p, e);
      }
      if (natural != type) {
        return null;
      }
      switch (kind) {
        case INT32_SIGNED:
          return (s, i, r, p, e) -> Integer.toString(s.getInteger(i, r));
        case INT32_UNSIGNED:
          return (s, i, r, p, e) -> Integer.toUnsignedString(s.getInteger(i, r));
        case INT64_SIGNED:
          return (s, i, r, p, e) -> Long.toString(s.getLong(i, r));
        case INT64_UNSIGNED:
          return (s, i, r, p, e) -> {
            long value = s.getLong(i, r);
            if (value < 0) {
              throw BigQueryValues.error(
                  field,
                  p,
                  e,
                  "the UINT_64 value "
                      + Long.toUnsignedString(value)
                      + " is above INT64's maximum "
                      + Long.MAX_VALUE);
            }
            return Long.toString(value);
          };
        case DATE:
          return (s, i, r, p, e) -> {
            int days = s.getInteger(i, r);
            String date = EpochTimes.date(days);
            if (date == null) {
              throw ParquetValues.outOfRange(
                  field, p, e, days + " days from 1970-01-01", "0001-01-01 to 9999-12-31");
            }
            return date;
          };
        case TIMESTAMP_MILLIS:
          return (s, i, r, p, e) -> timestamp(field, p, e, s.getLong(i, r), 1000L, "ms");
        case TIMESTAMP_MICROS:
          return (s, i, r, p, e) -> timestamp(field, p, e, s.getLong(i, r), 1L, "µs");
        case INT96:
          return (s, i, r, p, e) ->
              timestamp(field, p, e, ParquetValues.int96Micros(s.getInt96(i, r)), 1L, "µs");
        case DATETIME_MILLIS:
          return (s, i, r, p, e) -> timestamp(field, p, e, s.getLong(i, r), 1000L, "ms");
        case DATETIME_MICROS:
          return (s, i, r, p, e) -> timestamp(field, p, e, s.getLong(i, r), 1L, "µs");
        case TIME_MILLIS:
          return (s, i, r, p, e) -> time(field, p, e, s.getInteger(i, r) * 1000L);
        case TIME_MICROS:
          return (s, i, r, p, e) -> time(field, p, e, s.getLong(i, r));
        case FLOAT:
          return (s, i, r, p, e) -> (double) s.getFloat(i, r);
        case DOUBLE:
          return (s, i, r, p, e) -> s.getDouble(i, r);
        case BOOLEAN:
          return (s, i, r, p, e) -> s.getBoolean(i, r);
        case BYTES:
        default:
          return (s, i, r, p, e) -> bytes(field, p, e, s.getBinary(i, r).getBytesUnsafe());
      }
    }

    /**
     * UTF-8 text (STRING, ENUM, JSON): its own type as is, an ENUM into BYTES as its bytes, and any
     * other column by the text rules.
     */
    private ValueReader textReader(ParquetKind kind, PrimitiveType column, FieldPlan field) {
      if (field.type == BigQueryType.RECORD) {
        return null;
      }
      if (kind == ParquetKind.ENUM && field.type == BigQueryType.BYTES) {
        return (s, i, r, p, e) -> bytes(field, p, e, s.getBinary(i, r).getBytesUnsafe());
      }
      String described = ParquetKind.describe(column);
      if (field.type == BigQueryType.STRING && field.maxLength < 0) {
        // Well-formed UTF-8 holds no lone surrogate: nothing more to check.
        return (s, i, r, p, e) -> text(field, p, e, s, i, r, described);
      }
      return (s, i, r, p, e) ->
          BigQueryValues.fromText(field, text(field, p, e, s, i, r, described), p, e);
    }
  }

  private static String text(
      FieldPlan field,
      String prefix,
      int element,
      Group source,
      int index,
      int repetition,
      String described)
      throws RecordException {
    String text = ParquetValues.utf8(source.getBinary(index, repetition).getBytesUnsafe());
    if (text == null) {
      throw BigQueryValues.error(
          field, prefix, element, "the Parquet " + described + " value is not valid UTF-8");
    }
    return text;
  }

  /**
   * A decimal into NUMERIC or BIGNUMERIC (rounded to the column's scale and range-checked from the
   * exact value), or STRING (its plain text, through the text rules); {@code hint} names
   * decimalTargetTypes when the column's type cannot hold every decimal of the Parquet column.
   */
  private static Object decimal(
      FieldPlan field, BigDecimal value, String hint, String prefix, int element)
      throws RecordException {
    if (field.decimal != null) {
      // NUMERIC or BIGNUMERIC: rounded and range-checked from the exact value, as Avro's are.
      return DecimalValues.canonical(field, value, prefix, element, hint);
    }
    try {
      return BigQueryValues.fromText(field, value.toPlainString(), prefix, element);
    } catch (RecordException e) {
      if (hint.isEmpty()) {
        throw e;
      }
      throw new RecordException(e.stage(), e.getMessage() + hint, e);
    }
  }

  private static String bytes(FieldPlan field, String prefix, int element, byte[] bytes)
      throws RecordException {
    if (field.maxLength >= 0 && bytes.length > field.maxLength) {
      throw BigQueryValues.error(
          field,
          prefix,
          element,
          "the value is "
              + bytes.length
              + " bytes, longer than the column's maximum of "
              + field.maxLength
              + " bytes");
    }
    return BASE64.encodeToString(bytes);
  }

  /** TIMESTAMP or DATETIME (as {@code field} is) of {@code count} units of {@code unitMicros}. */
  private static String timestamp(
      FieldPlan field, String prefix, int element, long count, long unitMicros, String unit)
      throws RecordException {
    String text = null;
    if (count >= -(Long.MAX_VALUE / unitMicros) && count <= Long.MAX_VALUE / unitMicros) {
      long micros = count * unitMicros;
      text =
          field.type == BigQueryType.TIMESTAMP
              ? EpochTimes.timestampOfMicros(micros)
              : EpochTimes.datetimeOfMicros(micros);
    }
    if (text == null) {
      throw ParquetValues.outOfRange(
          field, prefix, element, count + " " + unit + " from 1970-01-01", "0001 to 9999");
    }
    return text;
  }

  private static String time(FieldPlan field, String prefix, int element, long micros)
      throws RecordException {
    String text = EpochTimes.timeOfMicros(micros);
    if (text == null) {
      throw ParquetValues.outOfRange(
          field, prefix, element, micros + " µs from midnight", "00:00:00 to 23:59:59.999999");
    }
    return text;
  }
}
