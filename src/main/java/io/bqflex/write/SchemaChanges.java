package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.BigQueryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the schema rows are written with differs from the existing table's, in BigQuery's terms
 * (https://cloud.google.com/bigquery/docs/managing-table-schemas): columns the table lacks, which a
 * write may add ({@code ALLOW_FIELD_ADDITION}); REQUIRED columns the schema makes NULLABLE, which a
 * write may relax ({@code ALLOW_FIELD_RELAXATION}); and changes no load or append makes (a column's
 * type, a mode tightened, a column made or unmade REPEATED, a REQUIRED column added to an existing
 * table or RECORD).
 *
 * <p>Columns of the table that the schema leaves out are not changes: their rows hold NULL. Column
 * names match case-insensitively, as BigQuery's do.
 *
 * @param added the paths of columns the table lacks ({@code coupon}, {@code address.zip})
 * @param relaxed the paths of REQUIRED columns the schema makes NULLABLE
 * @param refused one phrase per change BigQuery refuses, naming the column
 * @param widened the table's schema with {@code added} and {@code relaxed} applied, its columns'
 *     other attributes (descriptions, policy tags) kept: what the table becomes
 */
public record SchemaChanges(
    List<String> added, List<String> relaxed, List<String> refused, TableSchema widened) {

  /** The changes that writing rows of {@code wanted} into a table of {@code table} asks. */
  public static SchemaChanges between(TableSchema table, TableSchema wanted) {
    Diff diff = new Diff();
    List<TableFieldSchema> fields = diff.merge("", fieldsOf(table), fieldsOf(wanted));
    return new SchemaChanges(
        List.copyOf(diff.added),
        List.copyOf(diff.relaxed),
        List.copyOf(diff.refused),
        new TableSchema().setFields(fields));
  }

  /** Whether the table stays as it is. */
  public boolean none() {
    return added.isEmpty() && relaxed.isEmpty() && refused.isEmpty();
  }

  /** One walk of both schemas, collecting the changes as it merges them. */
  private static final class Diff {
    private final List<String> added = new ArrayList<>();
    private final List<String> relaxed = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    /** The table's {@code have} fields with {@code want}'s additions and relaxations applied. */
    private List<TableFieldSchema> merge(
        String parent, List<TableFieldSchema> have, List<TableFieldSchema> want) {
      List<TableFieldSchema> merged = new ArrayList<>();
      for (TableFieldSchema field : have) {
        merged.add(field.clone());
      }
      for (TableFieldSchema wanted : want) {
        String path = parent + wanted.getName();
        TableFieldSchema existing = find(merged, wanted.getName());
        if (existing == null) {
          if (modeOf(wanted).equals("REQUIRED")) {
            refused.add(
                "column '"
                    + path
                    + "' is REQUIRED, and BigQuery adds only NULLABLE or REPEATED columns to an"
                    + " existing table");
          } else {
            added.add(path);
            merged.add(wanted.clone());
          }
          continue;
        }
        compare(path, existing, wanted);
      }
      return merged;
    }

    /**
     * Records what turning {@code existing} (a copy, changed in place) into {@code wanted} asks.
     */
    private void compare(String path, TableFieldSchema existing, TableFieldSchema wanted) {
      BigQueryType have = typeOf(existing);
      BigQueryType want = typeOf(wanted);
      if (have != want) {
        refused.add(
            "column '"
                + path
                + "' is "
                + nameOf(existing, have)
                + " in the table but "
                + nameOf(wanted, want)
                + " in the schema, and BigQuery changes no column's type in a load or append");
        return;
      }
      String haveMode = modeOf(existing);
      String wantMode = modeOf(wanted);
      if (!haveMode.equals(wantMode)) {
        if (haveMode.equals("REQUIRED") && wantMode.equals("NULLABLE")) {
          relaxed.add(path);
          existing.setMode("NULLABLE");
        } else {
          refused.add(
              "column '"
                  + path
                  + "' is "
                  + haveMode
                  + " in the table but "
                  + wantMode
                  + " in the schema, and BigQuery only relaxes REQUIRED to NULLABLE");
          return;
        }
      }
      if (have == BigQueryType.RECORD) {
        existing.setFields(merge(path + ".", fieldsOf(existing), fieldsOf(wanted)));
      }
    }
  }

  private static TableFieldSchema find(List<TableFieldSchema> fields, String name) {
    for (TableFieldSchema field : fields) {
      if (field.getName().equalsIgnoreCase(name)) {
        return field;
      }
    }
    return null;
  }

  private static List<TableFieldSchema> fieldsOf(TableSchema schema) {
    return schema == null || schema.getFields() == null ? List.of() : schema.getFields();
  }

  private static List<TableFieldSchema> fieldsOf(TableFieldSchema field) {
    return field.getFields() == null ? List.of() : field.getFields();
  }

  private static BigQueryType typeOf(TableFieldSchema field) {
    return field.getType() == null ? null : BigQueryType.fromName(field.getType());
  }

  private static String nameOf(TableFieldSchema field, BigQueryType type) {
    return type == null ? String.valueOf(field.getType()) : type.sqlName();
  }

  /** BigQuery's default mode is NULLABLE. */
  private static String modeOf(TableFieldSchema field) {
    String mode = field.getMode();
    return mode == null || mode.isBlank() ? "NULLABLE" : mode.trim().toUpperCase(Locale.ROOT);
  }
}
