package io.bqflex.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.FailedRecord;
import io.bqflex.core.OutputRow;
import io.bqflex.core.OutputRowCoder;
import io.bqflex.core.RecordCounters;
import io.bqflex.core.RecordException;
import io.bqflex.core.Records;
import io.bqflex.core.RowEnricher;
import io.bqflex.core.SourceRecord;
import io.bqflex.core.Stage;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.write.DecoratedTable;
import io.bqflex.write.NameTemplate;
import io.bqflex.write.RowRouting;
import io.bqflex.write.TableCounters;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Converts each record against the BigQuery schema: its payload, or what the UDF made of it when
 * one ran ({@link ApplyUdf}). Every record leaves as a row ({@link Records#ROWS}) or a failure
 * ({@link Records#FAILURES}, after the failures that came in): none is dropped.
 */
public final class ConvertRecords extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final TupleTag<OutputRow> ROWS = Records.ROWS;
  private static final TupleTag<FailedRecord> FAILURES = Records.FAILURES;

  private final PayloadFormat.Source formats;
  private final RowEnricher enricher;
  private final TableSchemaView schemaView;
  private final TablesOwnFormats perTable;

  private ConvertRecords(
      PayloadFormat.Source formats,
      RowEnricher enricher,
      TableSchemaView schemaView,
      TablesOwnFormats perTable) {
    this.formats = formats;
    this.enricher = enricher;
    this.schemaView = schemaView;
    this.perTable = perTable;
  }

  /**
   * How records are converted where routed tables give their schemas.
   *
   * @param routing names each record's table from its own fields and looks up its schema
   * @param formats the format for a table's schema, made once per table and step instance
   * @param schemaless a format of the template whose schema nothing converts against: what shows a
   *     record as its JSON object
   * @param worked the schemas the job worked out for some tables ({@link MapNewColumnsPerTable}),
   *     which come before those looked up; null for none
   */
  private record TablesOwnFormats(
      RowRouting routing,
      SerializableFunction<TableSchema, PayloadFormat> formats,
      PayloadFormat schemaless,
      PCollectionView<Map<String, String>> worked)
      implements Serializable {}

  /** Converts records with {@code format}. */
  public static ConvertRecords with(PayloadFormat format) {
    return new ConvertRecords(PayloadFormat.Source.fixed(format), RowEnricher.NONE, null, null);
  }

  /**
   * Converts each record against the schema of its own table, where routed tables give their
   * schemas ({@link RowRouting#tablesGiveSchemas()}): the table named from the record's own fields
   * (its JSON object as {@link #withoutSchema} shows it), its schema looked up once, and its format
   * made by {@code formats} once. A record whose table cannot be named or does not exist is a dead
   * letter at {@link Stage#ROUTE}; the rows are counted per table.
   */
  public static ConvertRecords perTable(
      RowRouting routing, SerializableFunction<TableSchema, PayloadFormat> formats) {
    return perTable(routing, formats, null);
  }

  /**
   * As {@link #perTable(RowRouting, SerializableFunction)}, where the tables in {@code worked}
   * (table → schema JSON, from {@link MapNewColumnsPerTable}) take the schema given there, and a
   * record whose value is not of the type its table's records mostly gave names both: records wait
   * for it, as for any side input.
   */
  public static ConvertRecords perTable(
      RowRouting routing,
      SerializableFunction<TableSchema, PayloadFormat> formats,
      PCollectionView<Map<String, String>> worked) {
    return new ConvertRecords(
        null,
        RowEnricher.NONE,
        null,
        new TablesOwnFormats(routing, formats, withoutSchema(formats), worked));
  }

  /**
   * A format of {@code formats} for what a template makes of a payload before conversion (a UDF's
   * argument, the record's JSON object), which needs no schema. Formats are made for one, so this
   * one gets a column that nothing converts against (a schema of no columns is refused).
   */
  public static PayloadFormat withoutSchema(
      SerializableFunction<TableSchema, PayloadFormat> formats) {
    return formats.apply(
        new TableSchema()
            .setFields(List.of(new TableFieldSchema().setName("unused").setType("STRING"))));
  }

  /**
   * Converts each record with the format {@code formats} gives at that moment, e.g. one that
   * follows the output table's schema ({@link FollowedFormat}).
   */
  public static ConvertRecords with(PayloadFormat.Source formats) {
    return new ConvertRecords(formats, RowEnricher.NONE, null, null);
  }

  /**
   * Converts against the schema a previous step worked out ({@link MapNewColumns}): records wait
   * for it, as for any side input.
   */
  public static ConvertRecords against(TableSchemaView schemaView) {
    return new ConvertRecords(null, RowEnricher.NONE, schemaView, null);
  }

  /** Adds columns that come from the record's origin rather than its payload, and row checks. */
  public ConvertRecords enrichedBy(RowEnricher rowEnricher) {
    return new ConvertRecords(formats, rowEnricher, schemaView, perTable);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollectionTuple out =
        input
            .get(Records.RECORDS)
            .apply(
                "ParseAndConvert", convertStep().withOutputTags(ROWS, TupleTagList.of(FAILURES)));
    out.get(ROWS).setCoder(OutputRowCoder.of());
    return PCollectionTuple.of(ROWS, out.get(ROWS))
        .and(FAILURES, Records.failuresSoFar(input, out.get(FAILURES)));
  }

  /** The conversion this one is: per table, against a side input's schema, or by formats. */
  private ParDo.SingleOutput<SourceRecord, OutputRow> convertStep() {
    if (perTable != null && perTable.worked() != null) {
      return ParDo.of(new ConvertPerWorkedTableFn(perTable, enricher))
          .withSideInput(TableSchemaView.SIDE_INPUT, perTable.worked());
    }
    if (perTable != null) {
      return ParDo.of(new ConvertPerTableFn(perTable, enricher));
    }
    if (schemaView != null) {
      return ParDo.of(new ConvertAgainstViewFn(schemaView, enricher))
          .withSideInput(TableSchemaView.SIDE_INPUT, schemaView.view());
    }
    return ParDo.of(new ConvertFn(formats, enricher));
  }

  /** Converts with the format its source gives for each record. */
  private static final class ConvertFn extends ConvertingFn {
    private final PayloadFormat.Source formats;

    ConvertFn(PayloadFormat.Source formats, RowEnricher enricher) {
      super(enricher);
      this.formats = formats;
    }

    @ProcessElement
    public void process(@Element SourceRecord record, MultiOutputReceiver out) {
      convert(formats.current(), record, out);
    }
  }

  /** Converts against the schema in the side input. */
  private static final class ConvertAgainstViewFn extends ConvertingFn {
    private final TableSchemaView schemaView;
    private transient Map<String, String> schemas;

    ConvertAgainstViewFn(TableSchemaView schemaView, RowEnricher enricher) {
      super(enricher);
      this.schemaView = schemaView;
    }

    @ProcessElement
    public void process(
        @Element SourceRecord record,
        @SideInput(TableSchemaView.SIDE_INPUT) Map<String, String> schemas,
        MultiOutputReceiver out) {
      this.schemas = schemas;
      convert(schemaView.format(schemas), record, out);
    }

    @Override
    RecordException explained(RecordException e) {
      return schemaView.explained(schemas, e);
    }
  }

  /** Converts against the schema of each record's own table, as looked up. */
  private static final class ConvertPerTableFn extends OwnTableFn {
    ConvertPerTableFn(TablesOwnFormats perTable, RowEnricher enricher) {
      super(perTable, enricher);
    }

    @ProcessElement
    public void process(@Element SourceRecord record, MultiOutputReceiver out) {
      convertForItsTable(record, table -> null, out);
    }
  }

  /**
   * Converts against the schema of each record's own table: as the job worked it out (the side
   * input), else as looked up.
   */
  private static final class ConvertPerWorkedTableFn extends OwnTableFn {
    private transient Map<String, TableSchema> parsed;
    private transient Map<String, String> worked;

    ConvertPerWorkedTableFn(TablesOwnFormats perTable, RowEnricher enricher) {
      super(perTable, enricher);
    }

    @ProcessElement
    public void process(
        @Element SourceRecord record,
        @SideInput(TableSchemaView.SIDE_INPUT) Map<String, String> worked,
        MultiOutputReceiver out) {
      if (parsed == null) {
        parsed = new HashMap<>();
      }
      this.worked = worked;
      convertForItsTable(
          record,
          table -> {
            String json = worked.get(table);
            return json == null
                ? null
                : parsed.computeIfAbsent(
                    json, text -> BigQuerySchemas.parse(text, "schema of " + table));
          },
          out);
    }

    @Override
    RecordException explained(String table, RecordException e) {
      return TableSchemaView.withConflicts(
          TableSchemaView.conflicts(worked.get(TableSchemaView.conflictsKey(table))), e);
    }
  }

  /** A table's format, and the schema it was made for. */
  private record SchemaFormat(TableSchema schema, PayloadFormat format) {}

  /** Converts against the schema of each record's own table. */
  private abstract static class OwnTableFn extends ConvertingFn {
    private final TablesOwnFormats perTable;
    private transient Map<String, SchemaFormat> formatsByTable;
    private transient TableCounters counters;
    private transient String table;

    OwnTableFn(TablesOwnFormats perTable, RowEnricher enricher) {
      super(enricher);
      this.perTable = perTable;
    }

    @Setup
    public void setup() {
      formatsByTable = new HashMap<>();
      counters = new TableCounters();
    }

    /**
     * @param worked a table's schema as the job worked it out, or null for the one looked up
     */
    final void convertForItsTable(
        SourceRecord record, Function<String, TableSchema> worked, MultiOutputReceiver out) {
      JsonNode object = RecordObjects.objectOf(record, perTable.schemaless());
      if (object == null) {
        fail(record, notAnObject(record), out);
        return;
      }
      RowRouting.Destination destination;
      PayloadFormat format;
      try {
        destination = perTable.routing().destinationOf(object, record.attributes(), worked);
        format = formatOf(destination);
      } catch (NameTemplate.NoName e) {
        fail(record, new RecordException(Stage.ROUTE, e.getMessage()), out);
        return;
      } catch (RecordException e) {
        fail(record, e, out);
        return;
      }
      table = destination.table();
      if (convert(format, record, table, out)) {
        counters.count(table);
      }
    }

    @Override
    final RecordException explained(RecordException e) {
      return explained(DecoratedTable.baseOf(table), e);
    }

    /** What the dead letter says of {@code e}, met converting a row for {@code table}. */
    RecordException explained(String table, RecordException e) {
      return e;
    }

    /**
     * Why a record that is not one JSON object names no table: its conversion's own reason (the
     * parser's, the UDF's), as without routing.
     */
    private RecordException notAnObject(SourceRecord record) {
      PayloadFormat format = perTable.schemaless();
      try {
        if (record.udfOutput() == null) {
          format.toRow(record.text());
        } else {
          format.jsonToRow(record.udfOutput());
        }
      } catch (RecordException e) {
        return e;
      } catch (RuntimeException e) {
        // The generic reason below.
      }
      return new RecordException(
          Stage.PARSE,
          "the record is not one JSON object, so no table can be named from its fields");
    }

    /** The format for the destination's schema; one the template cannot make names why. */
    private PayloadFormat formatOf(RowRouting.Destination destination) throws RecordException {
      SchemaFormat known = formatsByTable.get(destination.table());
      // The same schema instance until the table's followed schema changes.
      if (known == null || known.schema() != destination.schema()) {
        try {
          known =
              new SchemaFormat(
                  destination.schema(), perTable.formats().apply(destination.schema()));
        } catch (RuntimeException e) {
          throw new RecordException(
              Stage.ROUTE,
              "the schema of table "
                  + destination.table()
                  + " is one the template cannot convert against: "
                  + e.getMessage());
        }
        formatsByTable.put(destination.table(), known);
      }
      return known.format();
    }
  }

  /** Each record to a row or a failure, none dropped. */
  private abstract static class ConvertingFn extends DoFn<SourceRecord, OutputRow> {
    private final Counter written = RecordCounters.counter(RecordCounters.WRITTEN);
    private final RowEnricher enricher;

    ConvertingFn(RowEnricher enricher) {
      this.enricher = enricher;
    }

    final void convert(PayloadFormat format, SourceRecord record, MultiOutputReceiver out) {
      convert(format, record, null, out);
    }

    /**
     * Converts {@code record} with {@code format}: true when it became a row.
     *
     * @param table the table the row goes to, where this step names it; else null
     */
    final boolean convert(
        PayloadFormat format, SourceRecord record, String table, MultiOutputReceiver out) {
      try {
        TableRow row =
            record.udfOutput() == null
                ? format.toRow(record.text())
                : udfOutputToRow(format, record.udfOutput());
        enricher.enrich(record, row);
        // Counted when handed to the writer; a row BigQuery then rejects is moved to
        // dead-lettered.
        written.inc();
        OutputRow output = OutputRow.of(row, record);
        out.get(ROWS).output(table == null ? output : output.toTable(table));
        return true;
      } catch (RecordException e) {
        fail(record, explained(e), out);
      } catch (RuntimeException e) {
        out.get(FAILURES).output(Failures.unexpected(record, e));
      }
      return false;
    }

    static void fail(SourceRecord record, RecordException reason, MultiOutputReceiver out) {
      out.get(FAILURES).output(FailedRecord.of(record, reason));
    }

    /** What the dead letter says of {@code e}: itself, unless the conversion knows more. */
    RecordException explained(RecordException e) {
      return e;
    }

    /**
     * The UDF's result converted against the schema. A result that is not one JSON object (text, an
     * array) fails the record at the UDF stage: the payload was fine.
     */
    private static TableRow udfOutputToRow(PayloadFormat format, String json)
        throws RecordException {
      try {
        return format.jsonToRow(json);
      } catch (RecordException e) {
        if (e.stage() == Stage.PARSE) {
          throw new RecordException(
              Stage.UDF,
              "the UDF returned text that is not one JSON object ("
                  + e.getMessage()
                  + "); return JSON.stringify(record) of an object, or null to filter the record"
                  + " out.",
              e);
        }
        throw e;
      }
    }
  }
}
