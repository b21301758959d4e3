package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The BigQuery table schema a load job makes of an Avro writer schema, with logical types on
 * ({@code useAvroLogicalTypes}), row by row of BigQuery's conversion tables
 * (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro#avro_conversions):
 *
 * <ul>
 *   <li>boolean BOOLEAN; int, long INTEGER; float, double FLOAT; bytes, fixed BYTES; string STRING;
 *       enum STRING (its symbol). A field of one of these types is REQUIRED.
 *   <li>Logical types: decimal (bytes or fixed) NUMERIC, BIGNUMERIC or STRING as {@link
 *       DecimalTargetTypes} picks; date DATE; time-millis, time-micros TIME; timestamp-millis,
 *       timestamp-micros TIMESTAMP; local-timestamp-millis, local-timestamp-micros DATETIME;
 *       duration BYTES; uuid (on a string) STRING, the table listing no type of its own for it.
 *   <li>null: "BigQuery ignores these values", so a field of type null has no column.
 *   <li>union: with one type besides null, a NULLABLE column of that type; with more, a NULLABLE
 *       RECORD of NULLABLE fields, one a type, of which a value sets one ({@link
 *       AvroKind#branchFieldName}); null alone, no column.
 *   <li>array: a REPEATED column of the item type. An array of arrays (or of maps, which are
 *       repeated) is refused, as BigQuery refuses it; an array of nulls has no column. Items that
 *       may be null give a REPEATED column of their type, and a record holding a null item fails on
 *       its own: BigQuery's arrays hold no NULL.
 *   <li>map&lt;T&gt;: a REPEATED RECORD of {@code key} (REQUIRED STRING) and {@code value} (T).
 *   <li>record: a RECORD (REQUIRED unless in a union); the field's doc becomes its description.
 * </ul>
 *
 * Refused with an {@link IllegalArgumentException} naming the field path and why: a schema that is
 * not a record, an array of arrays, a recursive record (BigQuery's page says it keeps "only the
 * first level of nesting"; we do not guess which rows that leaves, and refuse instead), records
 * nested deeper than BigQuery's 15 levels, a RECORD left without fields, and names BigQuery refuses
 * ({@code _PARTITIONTIME} and other reserved prefixes; two names equal but for case).
 */
public final class AvroTableSchemas {
  /** BigQuery's limit on a column description, in characters. */
  static final int MAX_DESCRIPTION = 1024;

  private final DecimalTargetTypes decimals;

  /** Full names of the records enclosing the field being converted, to find recursion. */
  private final Deque<String> enclosingRecords = new ArrayDeque<>();

  private AvroTableSchemas(DecimalTargetTypes decimals) {
    this.decimals = decimals;
  }

  /**
   * @param avro a record schema (an Avro file's writer schema)
   * @throws IllegalArgumentException naming the field BigQuery cannot load and why
   */
  public static TableSchema toTableSchema(Schema avro, DecimalTargetTypes decimals) {
    if (avro.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "the Avro schema is "
              + AvroKind.describe(avro)
              + ", not a record; BigQuery loads Avro files whose schema is a record");
    }
    AvroTableSchemas converter = new AvroTableSchemas(decimals);
    converter.enclosingRecords.push(avro.getFullName());
    List<TableFieldSchema> fields = converter.recordFields(avro, "", 0);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException(
          "the Avro record "
              + avro.getFullName()
              + " has no field BigQuery loads (fields of type null are ignored); a table needs"
              + " at least one column");
    }
    return new TableSchema().setFields(fields);
  }

  /** The columns of a record's fields; {@code depth}: how many RECORDs enclose them. */
  private List<TableFieldSchema> recordFields(Schema record, String parentPath, int depth) {
    List<TableFieldSchema> columns = new ArrayList<>(record.getFields().size());
    Set<String> names = new HashSet<>();
    for (Schema.Field field : record.getFields()) {
      String path = parentPath.isEmpty() ? field.name() : parentPath + "." + field.name();
      String nameProblem = ColumnNames.problemWith(field.name());
      if (nameProblem != null) {
        throw refused(path, "the name " + nameProblem);
      }
      if (!names.add(field.name().toLowerCase(Locale.ROOT))) {
        throw refused(
            path,
            "another field of the record has the same name but for case, and BigQuery column"
                + " names are case-insensitive");
      }
      TableFieldSchema column = column(field.name(), field.schema(), path, depth);
      if (column != null) {
        String doc = field.doc();
        if (doc != null && !doc.isEmpty()) {
          // Longer would fail the table's creation; the description is documentation only.
          column.setDescription(
              doc.length() <= MAX_DESCRIPTION ? doc : doc.substring(0, MAX_DESCRIPTION));
        }
        columns.add(column);
      }
    }
    return columns;
  }

  /** The column of a value of {@code schema}; null when BigQuery ignores it. */
  private TableFieldSchema column(String name, Schema schema, String path, int depth) {
    AvroKind kind = AvroKind.of(schema);
    switch (kind) {
      case NULL:
        return null;
      case UNION:
        return union(name, schema, path, depth);
      case ARRAY:
        return array(name, schema, path, depth);
      case MAP:
        return map(name, schema, path, depth);
      case RECORD:
        return record(name, schema, path, depth);
      default:
        return new TableFieldSchema()
            .setName(name)
            .setType(kind.ownType(schema, decimals).schemaName())
            .setMode("REQUIRED");
    }
  }

  private TableFieldSchema union(String name, Schema union, String path, int depth) {
    List<Schema> branches = AvroKind.nonNullBranches(union);
    if (branches.isEmpty()) {
      return null;
    }
    if (branches.size() == 1) {
      TableFieldSchema column = column(name, branches.get(0), path, depth);
      return column == null ? null : nullable(column);
    }
    checkDepth(path, depth);
    List<TableFieldSchema> fields = new ArrayList<>(branches.size());
    Set<String> names = new HashSet<>();
    for (Schema branch : branches) {
      String branchName = AvroKind.branchFieldName(branch);
      if (!names.add(branchName.toLowerCase(Locale.ROOT))) {
        throw refused(
            path,
            "two branches of "
                + AvroKind.describe(union)
                + " would both load into the field "
                + branchName
                + "; rename one of their types");
      }
      TableFieldSchema column = column(branchName, branch, path + "." + branchName, depth + 1);
      if (column != null) {
        fields.add(nullable(column));
      }
    }
    if (fields.isEmpty()) {
      throw refused(path, "no branch of " + AvroKind.describe(union) + " holds a loadable value");
    }
    return new TableFieldSchema()
        .setName(name)
        .setType(BigQueryType.RECORD.schemaName())
        .setMode("NULLABLE")
        .setFields(fields);
  }

  private TableFieldSchema array(String name, Schema array, String path, int depth) {
    Schema items = array.getElementType();
    Schema element = items;
    if (items.getType() == Schema.Type.UNION) {
      List<Schema> branches = AvroKind.nonNullBranches(items);
      if (branches.isEmpty()) {
        return null; // "Arrays containing only NULL types are ignored."
      }
      if (branches.size() == 1) {
        element = branches.get(0);
      }
    }
    if (element.getType() == Schema.Type.ARRAY || element.getType() == Schema.Type.MAP) {
      throw refused(
          path,
          AvroKind.describe(array)
              + " is an array of "
              + (element.getType() == Schema.Type.MAP
                  ? "maps, and a map loads as a REPEATED RECORD,"
                  : "arrays,")
              + " which BigQuery does not load (an array cannot hold an array); wrap the inner"
              + " array in a record");
    }
    TableFieldSchema column = column(name, element, path, depth);
    return column == null ? null : column.setMode("REPEATED");
  }

  private TableFieldSchema map(String name, Schema map, String path, int depth) {
    checkDepth(path, depth);
    List<TableFieldSchema> fields = new ArrayList<>(2);
    fields.add(
        new TableFieldSchema()
            .setName("key")
            .setType(BigQueryType.STRING.schemaName())
            .setMode("REQUIRED"));
    TableFieldSchema value = column("value", map.getValueType(), path + ".value", depth + 1);
    if (value != null) {
      fields.add(value);
    }
    return new TableFieldSchema()
        .setName(name)
        .setType(BigQueryType.RECORD.schemaName())
        .setMode("REPEATED")
        .setFields(fields);
  }

  private TableFieldSchema record(String name, Schema record, String path, int depth) {
    if (enclosingRecords.contains(record.getFullName())) {
      throw refused(
          path,
          "the record "
              + record.getFullName()
              + " contains itself; BigQuery drops such recursive fields, keeping only the first"
              + " level of nesting, which bqflex does not reproduce: remove the recursion");
    }
    checkDepth(path, depth);
    enclosingRecords.push(record.getFullName());
    List<TableFieldSchema> fields = recordFields(record, path, depth + 1);
    enclosingRecords.pop();
    if (fields.isEmpty()) {
      throw refused(
          path,
          "the record "
              + record.getFullName()
              + " has no field BigQuery loads, and BigQuery refuses a RECORD without fields");
    }
    return new TableFieldSchema()
        .setName(name)
        .setType(BigQueryType.RECORD.schemaName())
        .setMode("REQUIRED")
        .setFields(fields);
  }

  /** A RECORD column at {@code depth}: allowed while BigQuery's nesting limit holds. */
  private static void checkDepth(String path, int depth) {
    if (depth + 1 > BigQuerySchemas.MAX_RECORD_DEPTH) {
      throw refused(
          path,
          "a RECORD nested "
              + (depth + 1)
              + " levels deep; BigQuery allows at most "
              + BigQuerySchemas.MAX_RECORD_DEPTH);
    }
  }

  /** A union's value may be null: REQUIRED becomes NULLABLE, REPEATED stays (null is empty). */
  private static TableFieldSchema nullable(TableFieldSchema column) {
    return "REQUIRED".equals(column.getMode()) ? column.setMode("NULLABLE") : column;
  }

  private static IllegalArgumentException refused(String path, String why) {
    return new IllegalArgumentException("Avro field '" + path + "': " + why);
  }
}
