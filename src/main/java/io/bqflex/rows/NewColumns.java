package io.bqflex.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The fields records carry that the table lacks ({@code autoMapTables}), each with the column type
 * its JSON values map to and how many records gave each type, at any depth. Collected per record
 * ({@link #in}), merged across records ({@link #merge}), then added to a schema ({@link #addTo}).
 *
 * <p>The mapping: string → STRING, integer → INT64, other number → FLOAT64, boolean → BOOL, object
 * → RECORD of its fields mapped alike, array → REPEATED of its elements' type. A value that says no
 * type (null, an empty array or object) adds nothing; an array of arrays or of mixed types, which
 * no BigQuery column holds, adds nothing either, so its record stays a dead letter for the unknown
 * field. A field that is an integer in some records and another number in others becomes FLOAT64.
 * Where records disagree otherwise (a string here, an integer there), the type most records gave
 * wins, ties going to the type named first alphabetically, and the conflict is reported; records
 * whose value does not convert to the winning type are dead letters when converted.
 */
public final class NewColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final String REPEATED = "REPEATED ";
  private static final String RECORD = "RECORD";

  /** By lower-cased name (BigQuery's column names are case-insensitive). */
  private final LinkedHashMap<String, Candidate> candidates = new LinkedHashMap<>();

  /** One field the table lacks, or an existing RECORD column with fields it lacks. */
  private static final class Candidate implements Serializable {
    private static final long serialVersionUID = 1L;

    final String name;

    /** Records per type ("INT64", "REPEATED RECORD"); empty for an existing RECORD column. */
    final TreeMap<String, Long> types = new TreeMap<>();

    /** The fields of a RECORD type, or those an existing RECORD column lacks. */
    final NewColumns fields = new NewColumns();

    Candidate(String name) {
      this.name = name;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Candidate that
          && name.equals(that.name)
          && types.equals(that.types)
          && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, types, fields);
    }
  }

  /** Equal when they hold the same fields, types and counts: Beam's coder checks compare so. */
  @Override
  public boolean equals(Object other) {
    return other instanceof NewColumns that && candidates.equals(that.candidates);
  }

  @Override
  public int hashCode() {
    return candidates.hashCode();
  }

  /**
   * What the columns add to a schema: the widened schema, the columns added, and where records
   * disagreed on a field's type, by the field's path, what they gave and the type added.
   */
  public record Widening(TableSchema schema, List<String> added, Map<String, String> conflicts) {}

  /** The fields of {@code record}, a JSON object, that {@code known} lacks, at any depth. */
  public static NewColumns in(JsonNode record, List<TableFieldSchema> known) {
    NewColumns found = new NewColumns();
    found.collect(record, known == null ? List.of() : known);
    return found;
  }

  /** Whether there is nothing to add. */
  public boolean isEmpty() {
    return candidates.isEmpty();
  }

  /** Adds {@code other}'s fields and counts to this one's; returns this. */
  public NewColumns merge(NewColumns other) {
    for (Candidate theirs : other.candidates.values()) {
      Candidate ours = candidate(theirs.name);
      theirs.types.forEach((type, count) -> ours.types.merge(type, count, Long::sum));
      ours.fields.merge(theirs.fields);
    }
    return this;
  }

  /**
   * {@code base} with these columns appended in name order (a new copy; base is not changed),
   * NULLABLE or REPEATED, at the end of the table or of the RECORD they belong in. A field the base
   * already has (with whatever type) is not added again.
   */
  public Widening addTo(TableSchema base) {
    List<String> added = new ArrayList<>();
    Map<String, String> conflicts = new TreeMap<>();
    List<TableFieldSchema> fields = addTo(copy(base.getFields()), "", added, conflicts);
    return new Widening(new TableSchema().setFields(fields), added, conflicts);
  }

  private List<TableFieldSchema> addTo(
      List<TableFieldSchema> fields,
      String path,
      List<String> added,
      Map<String, String> conflicts) {
    // By name: records are merged in no set order, and a table's columns should not depend on it.
    for (Candidate candidate : new TreeMap<>(candidates).values()) {
      String name = path + candidate.name;
      TableFieldSchema existing = find(fields, candidate.name);
      if (existing != null) {
        if (existing.getFields() != null && !candidate.fields.isEmpty()) {
          existing.setFields(
              candidate.fields.addTo(existing.getFields(), name + ".", added, conflicts));
        }
        continue;
      }
      String type = chosenType(candidate, name, conflicts);
      if (type == null) {
        continue;
      }
      boolean repeated = type.startsWith(REPEATED);
      String columnType = repeated ? type.substring(REPEATED.length()) : type;
      TableFieldSchema column =
          new TableFieldSchema()
              .setName(candidate.name)
              .setType(columnType)
              .setMode(repeated ? "REPEATED" : "NULLABLE");
      if (columnType.equals(RECORD)) {
        List<TableFieldSchema> nested =
            candidate.fields.addTo(new ArrayList<>(), name + ".", new ArrayList<>(), conflicts);
        if (nested.isEmpty()) {
          continue;
        }
        column.setFields(nested);
      }
      fields.add(column);
      added.add(name + " " + (repeated ? "REPEATED " : "") + columnType);
    }
    return fields;
  }

  /**
   * The type most records gave (integers counted as FLOAT64 where other numbers came too), noting a
   * conflict when records disagree; null for an existing RECORD column's entry.
   */
  private static String chosenType(
      Candidate candidate, String name, Map<String, String> conflicts) {
    Map<String, Long> types = new TreeMap<>(candidate.types);
    widenIntegers(types, "");
    widenIntegers(types, REPEATED);
    String chosen = null;
    for (Map.Entry<String, Long> type : types.entrySet()) {
      if (chosen == null || type.getValue() > types.get(chosen)) {
        chosen = type.getKey();
      }
    }
    if (types.size() > 1) {
      StringBuilder counts = new StringBuilder();
      types.forEach(
          (type, count) ->
              counts
                  .append(counts.length() == 0 ? "" : ", ")
                  .append(type)
                  .append(" in ")
                  .append(count)
                  .append(count == 1 ? " record" : " records"));
      conflicts.put(name, counts + ": added as " + chosen);
    }
    return chosen;
  }

  private static void widenIntegers(Map<String, Long> types, String mode) {
    Long integers = types.get(mode + "INT64");
    if (integers != null && types.containsKey(mode + "FLOAT64")) {
      types.remove(mode + "INT64");
      types.merge(mode + "FLOAT64", integers, Long::sum);
    }
  }

  private void collect(JsonNode object, List<TableFieldSchema> known) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      TableFieldSchema column = find(known, field.getKey());
      JsonNode value = field.getValue();
      if (column == null) {
        addField(field.getKey(), value);
      } else if (column.getFields() != null) {
        collectNested(field.getKey(), value, column.getFields());
      }
    }
  }

  /** Fields an existing RECORD column (or REPEATED RECORD) lacks, from its value. */
  private void collectNested(String name, JsonNode value, List<TableFieldSchema> known) {
    NewColumns nested = new NewColumns();
    if (value.isObject()) {
      nested.collect(value, known);
    } else if (value.isArray()) {
      for (JsonNode element : value) {
        if (element.isObject()) {
          nested.collect(element, known);
        }
      }
    }
    if (!nested.isEmpty()) {
      candidate(name).fields.merge(nested);
    }
  }

  private void addField(String name, JsonNode value) {
    NewColumns nested = new NewColumns();
    String type;
    if (value.isArray()) {
      String element = elementType(value, nested);
      type = element == null ? null : REPEATED + element;
    } else {
      type = typeOf(value, nested);
    }
    if (type == null || (type.endsWith(RECORD) && nested.isEmpty())) {
      return;
    }
    Candidate candidate = candidate(name);
    candidate.types.merge(type, 1L, Long::sum);
    candidate.fields.merge(nested);
  }

  /** The type of a scalar or object value, its fields collected into {@code nested}. */
  private static String typeOf(JsonNode value, NewColumns nested) {
    if (value.isTextual()) {
      return "STRING";
    }
    if (value.isBoolean()) {
      return "BOOL";
    }
    if (value.isIntegralNumber()) {
      return "INT64";
    }
    if (value.isNumber()) {
      return "FLOAT64";
    }
    if (value.isObject()) {
      nested.collect(value, List.of());
      return RECORD;
    }
    return null; // null, or an array inside an array
  }

  /**
   * The one type of an array's elements (nulls aside; integers and other numbers together are
   * FLOAT64), or null when there is none.
   */
  private static String elementType(JsonNode array, NewColumns nested) {
    String type = null;
    for (JsonNode element : array) {
      if (element.isNull()) {
        continue;
      }
      String next = typeOf(element, nested);
      if (next == null) {
        return null;
      }
      if (type == null || type.equals(next)) {
        type = next;
      } else if (isNumber(type) && isNumber(next)) {
        type = "FLOAT64";
      } else {
        return null;
      }
    }
    return type;
  }

  private static boolean isNumber(String type) {
    return type.equals("INT64") || type.equals("FLOAT64");
  }

  private Candidate candidate(String name) {
    return candidates.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new Candidate(name));
  }

  private static TableFieldSchema find(List<TableFieldSchema> fields, String name) {
    for (TableFieldSchema field : fields) {
      if (field.getName().equalsIgnoreCase(name)) {
        return field;
      }
    }
    return null;
  }

  private static List<TableFieldSchema> copy(List<TableFieldSchema> fields) {
    List<TableFieldSchema> copies = new ArrayList<>();
    if (fields != null) {
      fields.forEach(field -> copies.add(field.clone()));
    }
    return copies;
  }
}
