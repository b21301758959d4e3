package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.catalog.ParameterRule;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.pipeline.ApplyUdf;
import io.bqflex.pipeline.ConvertRecords;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.read.FileFormat;
import io.bqflex.read.ReadFileRecords;
import io.bqflex.rows.CsvFormats;
import io.bqflex.rows.CsvLoadOptions;
import io.bqflex.rows.CsvPayloadFormat;
import io.bqflex.rows.CsvRecordParser;
import io.bqflex.rows.CsvRowConverter;
import io.bqflex.rows.JsonRowConverter;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.write.OutputTable;
import io.bqflex.write.WriteWithDeadLetters;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.commons.csv.CSVFormat;

/** CSV files on Cloud Storage → BigQuery; columns map to schema fields by position. */
public final class GcsCsvToBigQuery implements FileTemplate<GcsCsvToBigQuery.Options> {
  public static final String ID = "gcs-csv-to-bigquery";

  /** The template's parameters: see metadata/gcs-csv-to-bigquery.json. */
  public interface Options extends FileToBigQueryOptions {
    @Description("Whether the first record of every file is a header to skip.")
    @Default.Boolean(false)
    Boolean getContainsHeaders();

    void setContainsHeaders(Boolean value);

    @Description("Column delimiter; default: the csvFormat's.")
    String getDelimiter();

    void setDelimiter(String value);

    @Description("Apache Commons CSV format name.")
    @Default.String("Default")
    String getCsvFormat();

    void setCsvFormat(String value);

    @Description("Character set of the files.")
    @Default.String("UTF-8")
    String getCsvFileEncoding();

    void setCsvFileEncoding(String value);

    @Description("The text that means NULL, as BigQuery's load option nullMarker; default: empty.")
    String getNullMarker();

    void setNullMarker(String value);

    @Description("Comma-separated texts that mean NULL, as BigQuery's load option nullMarkers.")
    String getNullMarkers();

    void setNullMarkers(String value);

    @Description("Read missing trailing columns as NULL, as BigQuery's load option of that name.")
    @Default.Boolean(false)
    Boolean getAllowJaggedRows();

    void setAllowJaggedRows(Boolean value);
  }

  public static void main(String[] args) {
    TemplateLauncher.main(new GcsCsvToBigQuery(), args);
  }

  @Override
  public void build(Pipeline pipeline, Options options) {
    OutputTable output = OutputTable.resolve(options, "outputTable", options.getOutputTable());
    PayloadFormat csvLines = payloadFormat(options, output.schema());
    ReadFileRecords read = reader(options);
    pipeline
        .apply("ReadFiles", read)
        .apply("ApplyUdf", ApplyUdf.of(Udfs.specOf(options), csvLines))
        .apply(
            "ConvertRecords", ConvertRecords.with(csvLines).enrichedBy(WriterRowChecks.of(output)))
        .apply(
            "WriteToBigQuery",
            new WriteWithDeadLetters(output.settings())
                .rereadingRefusedRecordsWith(read.rereader()));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  private static ReadFileRecords reader(Options options) {
    FileFormat csv;
    try {
      csv =
          FileFormat.csv(
              format(options),
              Boolean.TRUE.equals(options.getContainsHeaders()),
              options.getCsvFileEncoding(),
              "csvFileEncoding");
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("csvFileEncoding", e.getMessage(), e);
    }
    return ReadFileRecords.from(options.getInputFilePattern(), csv);
  }

  /** Building the format checks that it can read rows of {@code schema}. */
  @Override
  public void checkSchema(Options options, TableSchema schema) {
    payloadFormat(options, schema);
  }

  /** How the template's records become rows of {@code schema}. */
  public PayloadFormat payloadFormat(Options options, TableSchema schema) {
    CsvRowConverter columns;
    boolean ignoreUnknown = Boolean.TRUE.equals(options.getIgnoreUnknownValues());
    CsvLoadOptions loadOptions =
        new CsvLoadOptions(
            nullMarkers(options), Boolean.TRUE.equals(options.getAllowJaggedRows()), ignoreUnknown);
    try {
      columns = new CsvRowConverter(schema, loadOptions);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("JSONPath", e.getMessage(), e);
    }
    return new CsvPayloadFormat(
        new CsvRecordParser(loadOptions.recordFormat(format(options))),
        columns,
        new JsonRowConverter(schema, ignoreUnknown));
  }

  /** As in BigQuery, nullMarker and nullMarkers exclude each other. */
  @Override
  public List<ParameterRule> parameterRules() {
    return List.of(ParameterRule.atMostOneOf("nullMarker", "nullMarkers"));
  }

  /**
   * The null markers the user gave, or null for BigQuery's default (the empty string, which an
   * empty nullMarker also means). nullMarkers is split at commas; an empty item (",NA") lists the
   * empty string.
   */
  private static List<String> nullMarkers(Options options) {
    String single = options.getNullMarker();
    String list = options.getNullMarkers();
    if (single != null && !single.isEmpty()) {
      return List.of(single);
    }
    return list == null || list.isEmpty() ? null : List.of(list.split(",", -1));
  }

  private static CSVFormat format(Options options) {
    try {
      CsvFormats.named(options.getCsvFormat(), null);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("csvFormat", e.getMessage(), e);
    }
    try {
      return CsvFormats.named(options.getCsvFormat(), options.getDelimiter());
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("delimiter", e.getMessage(), e);
    }
  }
}
