package io.bqflex.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.local.LocalBigQuery;
import io.bqflex.rows.BigQuerySchemas;
import io.bqflex.write.BigQueryServicesOverride;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The baseline for the end-to-end figures: the least a hand-written Beam pipeline does to load the
 * same files. TextIO lines, Jackson (JSON) or Commons CSV (CSV) to TableRow with no checks and no
 * dead letters, BigQueryIO FILE_LOADS into the same in-process BigQuery the local run uses, with
 * the DirectRunner's immutability and encodability checks off as in a local run.
 */
final class MinimalPipeline {
  private MinimalPipeline() {}

  static EndToEndFigure loadJson(Path input, String table, Path workDir) throws Exception {
    return load(input, table, workDir, ParDo.of(new JsonLineToRowFn()));
  }

  static EndToEndFigure loadCsv(Path input, String table, Path workDir) throws Exception {
    return load(input, table, workDir, ParDo.of(new CsvLineToRowFn(BenchRows.schema())));
  }

  private static EndToEndFigure load(
      Path input, String table, Path workDir, ParDo.SingleOutput<String, TableRow> toRows)
      throws Exception {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    // As a local run does (LocalRunnerChecks): both sides skip the runner's copy of every element.
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    options.setTempLocation(workDir.resolve("tmp").toAbsolutePath().toString());
    GcpOptions gcp = options.as(GcpOptions.class);
    gcp.setProject(BigQueryHelpers.parseTableSpec(table).getProjectId());
    gcp.setCredentialFactoryClass(NoopCredentialFactory.class);
    LocalBigQuery bigQuery = LocalBigQuery.installInto(options, List.of(table));

    Pipeline pipeline = Pipeline.create(options);
    PCollection<TableRow> rows =
        pipeline
            .apply("ReadLines", TextIO.read().from(input.toAbsolutePath().toString()))
            .apply("ToTableRows", toRows)
            .setCoder(TableRowJsonCoder.of());
    rows.apply(
        "WriteRows",
        BigQueryIO.writeTableRows()
            .to(table)
            .withJsonSchema(BigQuerySchemas.toJson(BenchRows.schema()))
            .withMethod(Method.FILE_LOADS)
            .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
            .withWriteDisposition(WriteDisposition.WRITE_APPEND)
            .withoutValidation()
            .withTestServices(
                options.as(BigQueryServicesOverride.Options.class).getBigQueryServicesOverride()));

    long start = System.nanoTime();
    pipeline.run().waitUntilFinish();
    double seconds = (System.nanoTime() - start) / 1e9;
    long written = bigQuery.rows(table).size();
    return new EndToEndFigure(written, seconds, written);
  }

  private static final class JsonLineToRowFn extends DoFn<String, TableRow> {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @ProcessElement
    public void process(@Element String line, OutputReceiver<TableRow> out) throws IOException {
      out.output(JACKSON.readValue(line, TableRow.class));
    }
  }

  /** Columns to the schema's fields by position; an empty column is left out (NULL). */
  private static final class CsvLineToRowFn extends DoFn<String, TableRow> {
    private final String[] names;

    CsvLineToRowFn(TableSchema schema) {
      this.names =
          schema.getFields().stream().map(TableFieldSchema::getName).toArray(String[]::new);
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<TableRow> out) throws IOException {
      if (line.equals(BenchRows.CSV_HEADER)) {
        return;
      }
      try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(line))) {
        CSVRecord record = parser.iterator().next();
        TableRow row = new TableRow();
        for (int i = 0; i < names.length; i++) {
          String value = record.get(i);
          if (!value.isEmpty()) {
            row.set(names[i], value);
          }
        }
        out.output(row);
      }
    }
  }
}
