package io.bqflex.write;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.OutputRow;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.rows.BigQueryType;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * The form in which the output rows reach BigQueryIO, and the functions that give it.
 *
 * <p>On the Storage Write API BigQueryIO turns every row into a proto. From a TableRow that step
 * parses every value again (timestamps and decimals as text) and is most of a record's CPU; through
 * an Avro GenericRecord a JSON line reaches its proto bytes at 1.8 times the rate, with half the
 * allocation (README, Benchmarks). So where the table has an Avro form ({@link
 * BigQueryAvroSchemas#whyNotAvro}) our validated rows go to BigQueryIO through {@link
 * TableRowToAvro}, which makes the proto Beam would have made from the TableRow, byte for byte.
 * Tables Avro cannot carry keep TableRows.
 *
 * <p>On FILE_LOADS the same rows become the load job's temporary files: Avro files ({@link
 * BigQueryAvroSchemas#forLoadFiles}) where the table has an Avro form and no BIGNUMERIC column,
 * JSON files otherwise. BigQuery calls Avro the preferred format for loading
 * (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro), and a row's Avro is a
 * fraction of its JSON line's bytes (under half on the benchmark's rows, BenchHarnessTest).
 */
final class OutputRowFormat {
  private OutputRowFormat() {}

  /**
   * BigQueryIO's write of the output rows, before destination and dispositions are set.
   *
   * @param kept what each row keeps of its record ({@link OutputRow#record()}), so that a row the
   *     Storage Write API refuses can be dead-lettered with its payload; null when rows carry no
   *     record
   */
  static BigQueryIO.Write<OutputRow> write(WriteSettings settings, RefusedRowOrigin.Keep kept) {
    if (settings.tablesGiveSchemas()) {
      // Rows of many schemas, each known only to the conversion: TableRows, which carry their own
      // columns; JSON columns are text already (WriteSettings#formatsForTables).
      BigQueryIO.Write<OutputRow> write =
          BigQueryIO.<OutputRow>write().withFormatFunction(new RowOf(null));
      return kept == null ? write : write.withFormatRecordOnFailureFunction(kept);
    }
    TableSchema schema = BigQuerySchemas.parse(settings.schemaJson(), "output schema");
    if (!settings.usesStorageWriteApi()) {
      return loadsAvroFiles(settings, schema)
          ? avroLoadFiles()
          : BigQueryIO.<OutputRow>write().withFormatFunction(new RowOf(null));
    }
    BigQueryIO.Write<OutputRow> write =
        usesAvro(settings, schema)
            ? BigQueryIO.<OutputRow>write()
                .withAvroFormatFunction(new OutputRowToAvro())
                .withAvroSchemaFactory(BigQueryAvroSchemas::forStorageWrite)
            : BigQueryIO.<OutputRow>write()
                .withFormatFunction(new RowOf(JsonColumnsAsText.forSchema(settings.schemaJson())));
    return withRefusedRowsKept(write, settings, schema, kept);
  }

  /**
   * Whether the output rows go to BigQueryIO as Avro GenericRecords. Not where the job follows the
   * table's schema or adds columns to it: an Avro record's schema is fixed when the pipeline is
   * built, and a TableRow carries the columns added since.
   */
  static boolean usesAvro(WriteSettings settings, TableSchema schema) {
    return settings.usesStorageWriteApi()
        && !settings.followsTableSchema()
        && !settings.mapsNewFields()
        && BigQueryAvroSchemas.whyNotAvro(schema) == null;
  }

  /**
   * Whether FILE_LOADS writes the rows as Avro temporary files. Not for a table with a BIGNUMERIC
   * column at any depth: BigQuery chooses the column type of an Avro decimal by the load's {@code
   * decimalTargetTypes}, which BigQueryIO's load jobs do not set, and a decimal(77,38) loaded into
   * a BIGNUMERIC column has not been verified against BigQuery; such tables keep JSON files, whose
   * decimal text BigQuery reads as the column says. Nor where columns are added while the job runs:
   * the files' Avro schema is fixed when the pipeline is built.
   */
  static boolean loadsAvroFiles(WriteSettings settings, TableSchema schema) {
    return settings.method() == Method.FILE_LOADS
        && !settings.mapsNewFields()
        && BigQueryAvroSchemas.whyNotAvro(schema) == null
        && !hasBigNumeric(schema.getFields());
  }

  /**
   * {@code useAvroLogicalTypes}: without it a load job reads a timestamp-micros as an INTEGER and a
   * decimal as BYTES.
   */
  private static BigQueryIO.Write<OutputRow> avroLoadFiles() {
    return BigQueryIO.<OutputRow>write()
        .withAvroWriter(new OutputRowDatumWriter.Factory())
        .withAvroSchemaFactory(BigQueryAvroSchemas::forLoadFiles)
        .useAvroLogicalTypes();
  }

  private static boolean hasBigNumeric(List<TableFieldSchema> fields) {
    for (TableFieldSchema field : fields) {
      if (BigQueryType.fromName(field.getType()) == BigQueryType.BIGNUMERIC
          || (field.getFields() != null && hasBigNumeric(field.getFields()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A row BigQuery refuses comes back to us as a failure function made it, or else as Beam rebuilds
   * it from the proto it sent. Rows that carry their record keep what the dead letter needs of it
   * ({@link RefusedRowOrigin}). Rows of typed files keep nothing (their record has no payload
   * without re-encoding every one), so they come back as Beam rebuilds them, except where a column
   * is named f: Beam's TableRow coder cannot hold such a row, so it is kept as cells. A DATETIME,
   * packed as an integer in the Avro record, comes back as its text, since the proto says DATETIME
   * (BigQueryRejectionTest).
   */
  private static BigQueryIO.Write<OutputRow> withRefusedRowsKept(
      BigQueryIO.Write<OutputRow> write,
      WriteSettings settings,
      TableSchema schema,
      RefusedRowOrigin.Keep kept) {
    if (kept != null) {
      return write.withFormatRecordOnFailureFunction(kept);
    }
    if (CellFormRows.needed(schema.getFields())) {
      return write.withFormatRecordOnFailureFunction(
          new RowOf(new CellFormRows.ToCells(settings.schemaJson())));
    }
    return write;
  }

  /** The output row's TableRow, through a function when one is given. */
  private static final class RowOf implements SerializableFunction<OutputRow, TableRow> {
    private static final long serialVersionUID = 1L;

    private final SerializableFunction<TableRow, TableRow> then;

    RowOf(SerializableFunction<TableRow, TableRow> then) {
      this.then = then;
    }

    @Override
    public TableRow apply(OutputRow output) {
      return then == null ? output.row() : then.apply(output.row());
    }
  }
}
