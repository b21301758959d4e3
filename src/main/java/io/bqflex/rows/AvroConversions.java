package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableRow;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Compiles an Avro record schema against a table's columns into an {@link AvroRecordConversion}.
 * Each Avro field meets its column (by name, case-insensitively, as {@link RecordPlan#find} looks
 * up) and gets the conversion for its pair of types:
 *
 * <ul>
 *   <li>The Avro type's own column type ({@link AvroKind#ownType}, what {@link AvroTableSchemas}
 *       makes of it): converted directly. A decimal also goes into BIGNUMERIC when its own type is
 *       NUMERIC (a widening BigQuery allows).
 *   <li>An Avro string (or uuid) into any other column but RECORD: read by the text rules of {@link
 *       BigQueryValues#fromText}, as a CSV column or JSON string would be.
 *   <li>int or long into FLOAT64, NUMERIC or BIGNUMERIC: BigQuery coerces INT64 to each.
 *   <li>Anything else: a {@link Stage#CONVERT} error naming the column, the Avro type and the
 *       column's type, for every record with a value there.
 * </ul>
 *
 * A null value leaves its column out (an error if the column is REQUIRED); a null array or map is
 * an empty REPEATED column; a null array item is an error, since BigQuery's arrays hold no NULL.
 */
final class AvroConversions {
  private final DecimalTargetTypes decimals;
  private final boolean ignoreUnknownValues;

  AvroConversions(DecimalTargetTypes decimals, boolean ignoreUnknownValues) {
    this.decimals = decimals;
    this.ignoreUnknownValues = ignoreUnknownValues;
  }

  /**
   * @param parentPath the path of the RECORD whose columns {@code table} holds, "" at the top
   */
  AvroRecordConversion record(Schema avro, RecordPlan table, String parentPath) {
    List<Schema.Field> fields = avro.getFields();
    List<Integer> positions = new ArrayList<>(fields.size());
    List<FieldPlan> columns = new ArrayList<>(fields.size());
    List<AvroValueConversion> conversions = new ArrayList<>(fields.size());
    String[] filledBy = new String[table.fields.length];
    AvroRecordConversion.Problem problem = null;
    for (Schema.Field field : fields) {
      FieldPlan column = table.find(field.name());
      if (column == null) {
        // A field that only ever holds null has no column in a derived schema: nothing to load.
        if (!ignoreUnknownValues && !holdsOnlyNull(field.schema()) && problem == null) {
          problem = unknownField(parentPath, field.name());
        }
        continue;
      }
      if (filledBy[column.index] != null) {
        if (problem == null) {
          String first = filledBy[column.index];
          problem =
              prefix ->
                  BigQueryValues.error(
                      column,
                      prefix,
                      -1,
                      "is filled by two Avro fields, "
                          + first
                          + " and "
                          + field.name()
                          + " (BigQuery column names are case-insensitive)");
        }
        continue;
      }
      filledBy[column.index] = field.name();
      positions.add(field.pos());
      columns.add(column);
      conversions.add(field(field.schema(), column));
    }
    for (int index : table.requiredIndexes) {
      if (filledBy[index] == null && problem == null) {
        FieldPlan column = table.fields[index];
        problem =
            prefix ->
                BigQueryValues.error(
                    column,
                    prefix,
                    -1,
                    "is REQUIRED but missing (the Avro record has no such field)");
      }
    }
    return new AvroRecordConversion(
        positions.stream().mapToInt(Integer::intValue).toArray(),
        columns.toArray(new FieldPlan[0]),
        conversions.toArray(new AvroValueConversion[0]),
        problem);
  }

  /** The conversion of a field's value (not null) of Avro type {@code avro} into {@code column}. */
  private AvroValueConversion field(Schema avro, FieldPlan column) {
    switch (avro.getType()) {
      case UNION:
        List<Schema> branches = AvroKind.nonNullBranches(avro);
        if (branches.isEmpty()) {
          return (value, prefix, element) -> null; // only null: never called
        }
        if (branches.size() == 1) {
          return field(branches.get(0), column);
        }
        return column.repeated ? needsArray(avro, column) : single(avro, column);
      case ARRAY:
        return column.repeated ? array(avro, column) : notRepeated(avro, column);
      case MAP:
        return column.repeated ? map(avro, column) : notRepeated(avro, column);
      default:
        return column.repeated ? needsArray(avro, column) : single(avro, column);
    }
  }

  private AvroValueConversion array(Schema avro, FieldPlan column) {
    Schema items = avro.getElementType();
    Schema element = items;
    if (items.getType() == Schema.Type.UNION) {
      List<Schema> branches = AvroKind.nonNullBranches(items);
      if (branches.size() == 1) {
        element = branches.get(0);
      }
    }
    if (element.getType() == Schema.Type.ARRAY || element.getType() == Schema.Type.MAP) {
      return AvroScalarConversions.mismatch(avro, column, " (BigQuery loads no array of arrays)");
    }
    AvroValueConversion each = single(element, column);
    // (The lambda's element is unused: an array is never an element itself.)
    return (value, prefix, unused) -> {
      Collection<?> list = (Collection<?>) value;
      List<Object> values = new ArrayList<>(list.size());
      int index = 0;
      for (Object item : list) {
        if (item == null) {
          throw BigQueryValues.error(
              column, prefix, index, "null is not allowed in a REPEATED field");
        }
        values.add(each.convert(item, prefix, index));
        index++;
      }
      return values;
    };
  }

  /** A map: a REPEATED RECORD of {@code key} and {@code value}, an entry an element. */
  private AvroValueConversion map(Schema avro, FieldPlan column) {
    if (column.type != BigQueryType.RECORD) {
      return AvroScalarConversions.mismatch(
          avro, column, " (a map loads as a REPEATED RECORD of key and value)");
    }
    RecordPlan entry = column.record;
    FieldPlan keyColumn = entry.find("key");
    FieldPlan valueColumn = entry.find("value");
    AvroRecordConversion.Problem problem = null;
    if (!ignoreUnknownValues && keyColumn == null) {
      problem = unknownField(column.path, "key");
    } else if (!ignoreUnknownValues && valueColumn == null && !holdsOnlyNull(avro.getValueType())) {
      problem = unknownField(column.path, "value");
    }
    for (int index : entry.requiredIndexes) {
      FieldPlan required = entry.fields[index];
      if (required != keyColumn && required != valueColumn && problem == null) {
        problem =
            prefix ->
                BigQueryValues.error(
                    required, prefix, -1, "is REQUIRED but missing (an Avro map entry has none)");
      }
    }
    AvroRecordConversion.Problem entryProblem = problem;
    AvroValueConversion keyConversion =
        keyColumn == null ? null : AvroScalarConversions.stringInto(keyColumn);
    AvroValueConversion valueConversion =
        valueColumn == null ? null : field(avro.getValueType(), valueColumn);
    return (value, prefix, element) -> {
      Map<?, ?> map = (Map<?, ?>) value;
      List<TableRow> rows = new ArrayList<>(map.size());
      int index = 0;
      for (Map.Entry<?, ?> pair : map.entrySet()) {
        String entryPrefix = column.displayPath(prefix, index);
        if (entryProblem != null) {
          throw entryProblem.at(entryPrefix);
        }
        TableRow row = new TableRow();
        if (keyColumn != null) {
          keyColumn.putInto(row, keyConversion.convert(pair.getKey(), entryPrefix, -1));
        }
        Object entryValue = pair.getValue();
        if (valueColumn != null) {
          if (entryValue == null) {
            if (valueColumn.required) {
              throw BigQueryValues.error(valueColumn, entryPrefix, -1, "is REQUIRED but null");
            }
          } else {
            Object converted = valueConversion.convert(entryValue, entryPrefix, -1);
            if (converted != null) {
              valueColumn.putInto(row, converted);
            }
          }
        }
        rows.add(row);
        index++;
      }
      return rows;
    };
  }

  /** A single value (not an array or map) of {@code avro} into a column's one value. */
  private AvroValueConversion single(Schema avro, FieldPlan column) {
    AvroKind kind = AvroKind.of(avro);
    BigQueryType target = column.type;
    switch (kind) {
      case NULL:
        return (value, prefix, element) -> null;
      case RECORD:
        if (target != BigQueryType.RECORD) {
          return AvroScalarConversions.mismatch(avro, column, "");
        }
        AvroRecordConversion nested = record(avro, column.record, column.path);
        return (value, prefix, element) ->
            nested.convert((GenericRecord) value, childPrefix(column, prefix, element));
      case UNION:
        return target == BigQueryType.RECORD
            ? union(avro, column)
            : AvroScalarConversions.mismatch(avro, column, "");
      case ARRAY:
      case MAP:
        return AvroScalarConversions.mismatch(avro, column, " (BigQuery loads no array of arrays)");
      default:
        return AvroScalarConversions.of(kind, avro, column, decimals);
    }
  }

  /** A union of several types: a RECORD with one field per type, the value's own one set. */
  private AvroValueConversion union(Schema avro, FieldPlan column) {
    List<Schema> types = avro.getTypes();
    RecordPlan record = column.record;
    FieldPlan[] branchColumns = new FieldPlan[types.size()];
    AvroValueConversion[] conversions = new AvroValueConversion[types.size()];
    AvroRecordConversion.Problem problem = null;
    for (int i = 0; i < types.size(); i++) {
      Schema branch = types.get(i);
      if (holdsOnlyNull(branch)) {
        continue; // no field in a derived schema; its values are null or lists of null
      }
      String name = AvroKind.branchFieldName(branch);
      FieldPlan branchColumn = record.find(name);
      if (branchColumn == null) {
        if (!ignoreUnknownValues && problem == null) {
          problem = unknownField(column.path, name);
        }
        continue;
      }
      branchColumns[i] = branchColumn;
      conversions[i] = field(branch, branchColumn);
    }
    AvroRecordConversion.Problem unionProblem = problem;
    return (value, prefix, element) -> {
      String child = childPrefix(column, prefix, element);
      if (unionProblem != null) {
        throw unionProblem.at(child);
      }
      int branch;
      try {
        branch = GenericData.get().resolveUnion(avro, value);
      } catch (AvroRuntimeException e) {
        throw BigQueryValues.error(
            column,
            prefix,
            element,
            "a " + value.getClass().getSimpleName() + " is not in " + AvroKind.describe(avro));
      }
      TableRow row = new TableRow();
      FieldPlan branchColumn = branchColumns[branch];
      if (branchColumn != null) {
        Object converted = conversions[branch].convert(value, child, -1);
        if (converted != null) {
          branchColumn.putInto(row, converted);
        }
      }
      for (int index : record.requiredIndexes) {
        if (record.fields[index] != branchColumn) {
          throw BigQueryValues.error(
              record.fields[index],
              child,
              -1,
              "is REQUIRED but missing (the Avro union's value is of another type)");
        }
      }
      return row;
    };
  }

  private static AvroValueConversion notRepeated(Schema avro, FieldPlan column) {
    return AvroScalarConversions.mismatch(
        avro, column, " that is not REPEATED (an Avro array or map needs one)");
  }

  private static AvroValueConversion needsArray(Schema avro, FieldPlan column) {
    String message =
        "the column is REPEATED, so it needs an Avro array (or map), not "
            + AvroKind.describe(avro);
    return (value, prefix, element) -> {
      throw BigQueryValues.error(column, prefix, element, message);
    };
  }

  /** Where the fields of a RECORD value sit: null unless in an element of a REPEATED column. */
  private static String childPrefix(FieldPlan column, String prefix, int element) {
    return prefix == null && element < 0 ? null : column.displayPath(prefix, element);
  }

  private static AvroRecordConversion.Problem unknownField(String parentPath, String name) {
    String staticPath = parentPath.isEmpty() ? name : parentPath + "." + name;
    return prefix ->
        new RecordException(
            Stage.CONVERT,
            "field '"
                + (prefix == null ? staticPath : prefix + "." + name)
                + "' is not in the BigQuery schema; add it to the schema or ignore unknown"
                + " values");
  }

  /** Null, a union of nulls, or an array of them: what a derived schema has no column for. */
  static boolean holdsOnlyNull(Schema avro) {
    switch (avro.getType()) {
      case NULL:
        return true;
      case UNION:
        List<Schema> branches = AvroKind.nonNullBranches(avro);
        return branches.isEmpty() || (branches.size() == 1 && holdsOnlyNull(branches.get(0)));
      case ARRAY:
        return holdsOnlyNull(avro.getElementType());
      default:
        return false;
    }
  }
}
