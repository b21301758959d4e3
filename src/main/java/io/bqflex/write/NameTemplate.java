package io.bqflex.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.core.NameRule;
import io.bqflex.core.TableNames;
import io.bqflex.rows.BigQueryTimes;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table's or dataset's name with placeholders, formed again for each row: {@code
 * events_{event_type}} ({@code outputTableNameTemplate}), {@code tenant_{tenant}} ({@code
 * outputDatasetTemplate}), each held to BigQuery's rule for its kind of name ({@link NameRule}).
 * The placeholder syntax is that of Google's {@code PubSub_CDC_to_BigQuery} template ({@code
 * {column}} takes a top-level column's value), with two additions: {@code {column:pattern}} formats
 * a DATE, DATETIME or TIMESTAMP column with a {@link DateTimeFormatter} pattern ({@code
 * requests_{ts: yyyyMMdd}}, TIMESTAMPs in UTC), and {@code {attribute:NAME}} takes a Pub/Sub
 * message attribute.
 *
 * <p>Everything that can be known before a row arrives is checked at launch ({@link #check}): the
 * columns exist and have a type that gives a name, patterns compile and give only characters the
 * name may have, the literal text is allowed. What only a row can tell (a null value, a value with
 * a character BigQuery refuses) is a {@link NoName} for that row alone.
 */
public final class NameTemplate implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The parameter that gives a table name template. */
  public static final String TABLES_PARAMETER = "outputTableNameTemplate";

  /** The parameter that gives a dataset name template. */
  public static final String DATASETS_PARAMETER = "outputDatasetTemplate";

  private static final String ATTRIBUTE = "attribute:";

  /** Types whose value is written into the name as it is. */
  private static final Set<String> AS_IS = Set.of("STRING", "INTEGER", "INT64", "BOOLEAN", "BOOL");

  /** Types whose value a pattern formats. */
  private static final Set<String> TIMES = Set.of("DATE", "DATETIME", "TIMESTAMP");

  /** A moment every time pattern is tried on at launch: all its fields differ. */
  private static final LocalDateTime PROBE =
      LocalDateTime.of(2026, 11, 30, 13, 45, 56, 789_000_000);

  /** Formatters are immutable and cost a parse to build: one per pattern, for every row. */
  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  /**
   * The patterns a partition decorator may take, each with the partitioning it names: BigQuery's
   * decorator forms (https://cloud.google.com/bigquery/docs/managing-partitioned-table-data).
   */
  private static final Map<String, String> DECORATOR_PATTERNS =
      Map.of("yyyy", "YEAR", "yyyyMM", "MONTH", "yyyyMMdd", "DAY", "yyyyMMddHH", "HOUR");

  private final String text;
  private final List<Part> parts;

  /** The placeholder after {@code $} that names each row's partition; null for none. */
  private final Part decorator;

  private final NameRule rule;
  private final String parameter;

  private NameTemplate(
      String text, List<Part> parts, Part decorator, NameRule rule, String parameter) {
    this.text = text;
    this.parts = parts;
    this.decorator = decorator;
    this.rule = rule;
    this.parameter = parameter;
  }

  /** A row's table name cannot be formed; the message says why, for its dead letter. */
  public static final class NoName extends Exception {
    private static final long serialVersionUID = 1L;

    NoName(String message) {
      super(message);
    }
  }

  /**
   * One piece of the template: literal text, a column's value, or an attribute's.
   *
   * @param literal the text, for a literal; null otherwise
   * @param column the column's name as the schema spells it; null otherwise
   * @param pattern the column's time pattern; null for a value taken as it is
   * @param attribute the attribute's name; null otherwise
   */
  private record Part(String literal, String column, String pattern, String attribute)
      implements Serializable {}

  /**
   * A table name template, the value of {@link #TABLES_PARAMETER}; see {@link #parse}. It may end
   * in a partition decorator formed from a time column, {@code requests${ts:yyyyMMdd}}: the {@code
   * $} and one placeholder with the pattern of one of BigQuery's decorator forms.
   */
  public static NameTemplate forTables(String text) {
    int dollar = dollarOutsidePlaceholders(text);
    if (dollar < 0) {
      return parse(text, NameRule.TABLE, TABLES_PARAMETER);
    }
    List<Part> name = parseParts(text.substring(0, dollar), TABLES_PARAMETER, text);
    if (name.isEmpty()) {
      throw invalid(
          TABLES_PARAMETER, text, "has nothing before its '$'; name the table, then its partition");
    }
    List<Part> after = parseParts(text.substring(dollar + 1), TABLES_PARAMETER, text);
    Part decorator = after.size() == 1 ? after.get(0) : null;
    if (decorator == null
        || decorator.column() == null
        || decorator.pattern() == null
        || !DECORATOR_PATTERNS.containsKey(decorator.pattern().trim())) {
      throw invalid(
          TABLES_PARAMETER,
          text,
          "has a partition decorator that is not one time placeholder with a decorator's"
              + " pattern, yyyy, yyyyMM, yyyyMMdd or yyyyMMddHH (e.g. events${event_time:yyyyMMdd};"
              + " https://cloud.google.com/bigquery/docs/managing-partitioned-table-data)");
    }
    Part trimmed = new Part(null, decorator.column(), decorator.pattern().trim(), null);
    return new NameTemplate(text, name, trimmed, NameRule.TABLE, TABLES_PARAMETER);
  }

  /** A dataset name template, the value of {@link #DATASETS_PARAMETER}; see {@link #parse}. */
  public static NameTemplate forDatasets(String text) {
    return parse(text, NameRule.DATASET, DATASETS_PARAMETER);
  }

  /** The first {@code $} of {@code text} outside braces, or -1. */
  private static int dollarOutsidePlaceholders(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == '$' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Parses {@code text}, the value of {@code parameter}, for names held to {@code rule}; the
   * columns are checked by {@link #check}.
   *
   * @throws InvalidParameterException when the braces do not pair or a placeholder is empty
   */
  private static NameTemplate parse(String text, NameRule rule, String parameter) {
    return new NameTemplate(text, parseParts(text, parameter, text), null, rule, parameter);
  }

  /**
   * The literal text and placeholders of {@code text}, a part of {@code whole}, the value of {@code
   * parameter}.
   */
  private static List<Part> parseParts(String text, String parameter, String whole) {
    List<Part> parts = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf('{', at);
      int close = text.indexOf('}', at);
      if (close >= 0 && (open < 0 || close < open)) {
        throw invalid(parameter, whole, "has a '}' with no '{' before it");
      }
      if (open < 0) {
        parts.add(new Part(text.substring(at), null, null, null));
        break;
      }
      if (open > at) {
        parts.add(new Part(text.substring(at, open), null, null, null));
      }
      int nested = text.indexOf('{', open + 1);
      if (close < 0 || (nested >= 0 && nested < close)) {
        throw invalid(parameter, whole, "has a '{' with no '}' after it");
      }
      parts.add(placeholder(parameter, whole, text.substring(open + 1, close).trim()));
      at = close + 1;
    }
    return List.copyOf(parts);
  }

  private static Part placeholder(String parameter, String text, String inside) {
    if (inside.isEmpty()) {
      throw invalid(parameter, text, "has an empty placeholder {}; put a column's name in it");
    }
    if (inside.startsWith(ATTRIBUTE)) {
      String attribute = inside.substring(ATTRIBUTE.length()).trim();
      if (attribute.isEmpty()) {
        throw invalid(parameter, text, "has {attribute:} with no attribute's name");
      }
      return new Part(null, null, null, attribute);
    }
    int colon = inside.indexOf(':');
    return colon < 0
        ? new Part(null, inside, null, null)
        : new Part(null, inside.substring(0, colon).trim(), inside.substring(colon + 1), null);
  }

  /** The template as given. */
  public String text() {
    return text;
  }

  /** The parameter that gave it. */
  public String parameter() {
    return parameter;
  }

  /**
   * The column whose value names each row's partition ({@code ${column:yyyyMMdd}}), as the schema
   * spells it once {@link #check checked}; null when the template has no partition decorator.
   */
  public String decoratorColumn() {
    return decorator == null ? null : decorator.column();
  }

  /** The partitioning its decorator names (YEAR, MONTH, DAY, HOUR); null when it has none. */
  public String decoratorType() {
    return decorator == null ? null : DECORATOR_PATTERNS.get(decorator.pattern());
  }

  /** Whether a placeholder takes a message attribute. */
  public boolean readsAttributes() {
    return parts.stream().anyMatch(p -> p.attribute() != null);
  }

  /**
   * This template with each column placeholder bound to its column of {@code schema}, checked: the
   * column exists at the top level, has a type that gives a name, and a pattern (needed for
   * DATETIME and TIMESTAMP, allowed for DATE) compiles and gives only characters the name may have;
   * the literal text is allowed too. Where each table's own schema converts its rows, no schema is
   * known before the rows come ({@code schema} null): the placeholders then read the record's own
   * fields ({@link #putRecordValues}), and only the patterns and the literal text are checked.
   *
   * @throws InvalidParameterException naming {@link #parameter()} and what is wrong
   */
  public NameTemplate check(TableSchema schema) {
    List<Part> bound = new ArrayList<>();
    for (Part part : parts) {
      if (part.literal() != null) {
        int bad = rule.firstRefused(part.literal());
        if (bad >= 0) {
          throw invalid(
              "has "
                  + TableNames.describe(bad)
                  + " outside its placeholders, so no "
                  + rule.kind()
                  + " name it forms is one BigQuery accepts ("
                  + rule.allowedText()
                  + "; "
                  + rule.docs()
                  + ")");
        }
        bound.add(part);
      } else if (part.column() != null) {
        bound.add(schema == null ? withPatternChecked(part) : bind(part, schema));
      } else {
        bound.add(part);
      }
    }
    int literalBytes =
        bound.stream()
            .filter(p -> p.literal() != null)
            .mapToInt(p -> p.literal().getBytes(StandardCharsets.UTF_8).length)
            .sum();
    if (literalBytes > NameRule.MAX_BYTES) {
      throw invalid(
          "has "
              + literalBytes
              + " UTF-8 bytes of literal text, so every name it forms is over BigQuery's "
              + NameRule.MAX_BYTES);
    }
    return new NameTemplate(
        text,
        List.copyOf(bound),
        decorator == null
            ? null
            : schema == null ? withPatternChecked(decorator) : bind(decorator, schema),
        rule,
        parameter);
  }

  /** {@code part}, whose column's type is not known, with its pattern checked on a DATETIME. */
  private Part withPatternChecked(Part part) {
    if (part.pattern() != null) {
      checkPattern("{" + part.column() + ":" + part.pattern() + "}", part.pattern(), "DATETIME");
    }
    return part;
  }

  private Part bind(Part part, TableSchema schema) {
    TableFieldSchema field = topLevelField(schema, part.column());
    String type = field.getType() == null ? "" : field.getType().toUpperCase(Locale.ROOT);
    String where = "{" + part.column() + (part.pattern() == null ? "" : ":" + part.pattern()) + "}";
    if ("REPEATED".equalsIgnoreCase(field.getMode())) {
      throw invalid(where + " takes REPEATED column " + field.getName() + "; give one value");
    }
    if (part.pattern() == null) {
      if (!AS_IS.contains(type) && !"DATE".equals(type)) {
        String takes = where + " takes " + type + " column " + field.getName();
        throw invalid(
            TIMES.contains(type)
                ? takes + " without a pattern; give one, e.g. {" + field.getName() + ":yyyyMMdd}"
                : takes
                    + "; a name is formed from STRING, INT64, BOOL, or DATE, DATETIME and"
                    + " TIMESTAMP with a pattern");
      }
      return new Part(null, field.getName(), null, null);
    }
    if (!TIMES.contains(type)) {
      throw invalid(
          where
              + " gives a pattern for "
              + type
              + " column "
              + field.getName()
              + "; patterns are for DATE, DATETIME and TIMESTAMP columns");
    }
    checkPattern(where, part.pattern(), type);
    return new Part(null, field.getName(), part.pattern(), null);
  }

  private void checkPattern(String where, String pattern, String type) {
    String probe;
    try {
      probe = format(pattern, "DATE".equals(type) ? PROBE.toLocalDate() : PROBE);
    } catch (IllegalArgumentException e) {
      throw invalid(where + " has a pattern Java cannot read: " + e.getMessage());
    } catch (DateTimeException e) {
      throw invalid(
          where + " asks of a " + type + " value what it does not have: " + e.getMessage());
    }
    int bad = rule.firstRefused(probe);
    if (bad >= 0) {
      throw invalid(
          where
              + " gives names like '"
              + probe
              + "', with "
              + TableNames.describe(bad)
              + ", which BigQuery refuses in a "
              + rule.kind()
              + " name; e.g. yyyyMMdd");
    }
  }

  private TableFieldSchema topLevelField(TableSchema schema, String column) {
    List<TableFieldSchema> fields = schema.getFields() == null ? List.of() : schema.getFields();
    for (TableFieldSchema field : fields) {
      if (field.getName().equalsIgnoreCase(column)) {
        return field;
      }
    }
    List<String> names = fields.stream().map(TableFieldSchema::getName).toList();
    throw invalid(
        "{"
            + column
            + "} names no top-level column of the schema"
            + (column.contains(".") ? " (placeholders take top-level columns only)" : "")
            + "; its columns: "
            + String.join(", ", names));
  }

  /**
   * Puts into {@code values} what this template's placeholders take from {@code record}, a record's
   * own JSON object, where no schema has converted it yet: keyed as the placeholders name their
   * fields, ready for {@link #nameFor}. A field is found by its name as written, or else whatever
   * its case, as BigQuery matches column names. A string, number or boolean gives its text; a
   * placeholder with a pattern takes a DATE's text, or a TIMESTAMP's or DATETIME's (read at UTC),
   * BigQuery's text forms of them
   * (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types). A missing or null
   * field is left out: {@link #nameFor} then says it is null.
   *
   * @throws NoName when a field holds what gives no name: an object, an array, or for a pattern
   *     what is no time text
   */
  public void putRecordValues(JsonNode record, Map<String, Object> values) throws NoName {
    for (Part part : parts) {
      if (part.column() != null) {
        putRecordValue(record, part, values);
      }
    }
    if (decorator != null) {
      putRecordValue(record, decorator, values);
    }
  }

  private void putRecordValue(JsonNode record, Part part, Map<String, Object> values)
      throws NoName {
    JsonNode value = fieldOf(record, part.column());
    if (value == null || value.isNull()) {
      return;
    }
    String field = "field " + part.column() + " ";
    if (value.isContainerNode()) {
      throw new NoName(
          field
              + "is "
              + (value.isArray() ? "an array" : "an object")
              + ", and "
              + rule.kind()
              + " name template "
              + text
              + " takes one value");
    }
    if (part.pattern() == null) {
      values.put(part.column(), value.asText());
      return;
    }
    String time = value.isTextual() ? BigQueryTimes.dateOrTimestamp(value.asText()) : null;
    if (time == null) {
      throw new NoName(
          field
              + "is "
              + value
              + ", which is no DATE, DATETIME or TIMESTAMP text for {"
              + part.column()
              + ":"
              + part.pattern()
              + "} of "
              + rule.kind()
              + " name template "
              + text);
    }
    values.put(part.column(), time);
  }

  /** The field {@code name} of {@code record}: as written, or else whatever its case. */
  private static JsonNode fieldOf(JsonNode record, String name) {
    JsonNode exact = record.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return null;
  }

  /**
   * The table name for {@code row}, whose record had {@code attributes} (null for none).
   *
   * @throws NoName when a value is missing or gives a name BigQuery refuses
   */
  public String nameFor(Map<String, Object> row, Map<String, String> attributes) throws NoName {
    StringBuilder name = new StringBuilder();
    for (Part part : parts) {
      if (part.literal() != null) {
        name.append(part.literal());
      } else if (part.attribute() != null) {
        String value = attributes == null ? null : attributes.get(part.attribute());
        if (value == null) {
          throw new NoName(
              "the record has no attribute '"
                  + part.attribute()
                  + "' for "
                  + rule.kind()
                  + " name template "
                  + text);
        }
        name.append(value);
      } else {
        name.append(columnValue(part, row));
      }
    }
    String formed = name.toString();
    String problem = rule.problem(formed);
    if (problem != null) {
      throw new NoName(
          rule.kind()
              + " name '"
              + formed
              + "' (from template "
              + text
              + ") "
              + problem
              + " ("
              + rule.docs()
              + ")");
    }
    return decorator == null ? formed : formed + "$" + partitionOf(row);
  }

  /**
   * The decorator of {@code row}'s partition, without its {@code $}. A value outside the range
   * BigQuery partitions by a column (1960-01-01 to 2159-12-31) has none: BigQuery keeps it in
   * {@code __UNPARTITIONED__} (https://cloud.google.com/bigquery/docs/partitioned-tables), and a
   * load into a dated partition must hold only that partition's values
   * (https://cloud.google.com/bigquery/docs/load-data-partitioned-tables).
   */
  private String partitionOf(Map<String, Object> row) throws NoName {
    Object value = row.get(decorator.column());
    if (value != null && PartitionDecorator.outsideRange(String.valueOf(value))) {
      throw new NoName(
          "column "
              + decorator.column()
              + " is "
              + value
              + ", outside the range BigQuery partitions by a column (1960-01-01 to 2159-12-31),"
              + " so no partition decorator of template "
              + text
              + " names its partition; write such rows without the decorator, where they go to"
              + " partition "
              + PartitionDecorator.UNPARTITIONED);
    }
    return columnValue(decorator, row);
  }

  private String columnValue(Part part, Map<String, Object> row) throws NoName {
    Object value = row.get(part.column());
    if (value == null) {
      throw new NoName(
          "column "
              + part.column()
              + " is null, and "
              + rule.kind()
              + " name template "
              + text
              + " needs it");
    }
    if (part.pattern() == null) {
      return String.valueOf(value);
    }
    String canonical = String.valueOf(value);
    TemporalAccessor time;
    if (canonical.length() == 10) {
      time = LocalDate.ofEpochDay(CanonicalTimes.epochDay(canonical));
    } else {
      // A TIMESTAMP's text is its UTC wall time: it reads as a DATETIME at UTC.
      time =
          utcDateTime(
              canonical.endsWith("Z")
                  ? CanonicalTimes.timestampMicros(canonical)
                  : CanonicalTimes.datetimeMicros(canonical));
    }
    try {
      return format(part.pattern(), time);
    } catch (DateTimeException e) {
      // Only where no schema told the column's type at launch: a DATE asked for its hour.
      throw new NoName(
          "column "
              + part.column()
              + " is "
              + canonical
              + ", which pattern "
              + part.pattern()
              + " of "
              + rule.kind()
              + " name template "
              + text
              + " cannot format: "
              + e.getMessage());
    }
  }

  private static LocalDateTime utcDateTime(long micros) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000,
        ZoneOffset.UTC);
  }

  private static String format(String pattern, TemporalAccessor time) {
    return FORMATTERS
        .computeIfAbsent(pattern, p -> DateTimeFormatter.ofPattern(p, Locale.ROOT))
        .format(time);
  }

  private InvalidParameterException invalid(String problem) {
    return invalid(parameter, text, problem);
  }

  private static InvalidParameterException invalid(String parameter, String text, String problem) {
    // "'t' has ..." for the template as a whole, "'t': {x} ..." for one of its placeholders.
    String joint = problem.startsWith("{") ? ": " : " ";
    return new InvalidParameterException(parameter, "'" + text + "'" + joint + problem);
  }

  @Override
  public String toString() {
    return text;
  }
}
