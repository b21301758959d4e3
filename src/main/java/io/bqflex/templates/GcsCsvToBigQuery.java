package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.pipeline.InvalidParameterException;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.read.FileFormat;
import io.bqflex.read.ReadFileRecords;
import io.bqflex.rows.CsvFormats;
import io.bqflex.rows.CsvPayloadFormat;
import io.bqflex.rows.CsvRecordParser;
import io.bqflex.rows.CsvRowConverter;
import io.bqflex.rows.JsonRowConverter;
import io.bqflex.rows.PayloadFormat;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.commons.csv.CSVFormat;

/** CSV files on Cloud Storage → BigQuery; columns map to schema fields by position. */
public final class GcsCsvToBigQuery extends FileToBigQueryTemplate<GcsCsvToBigQuery.Options> {
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
  }

  public static void main(String[] args) {
    TemplateLauncher.main(new GcsCsvToBigQuery(), args);
  }

  public GcsCsvToBigQuery() {
    super(ID, Options.class);
  }

  @Override
  ReadFileRecords reader(Options options) {
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

  @Override
  PayloadFormat payloadFormat(Options options, TableSchema schema) {
    CsvRowConverter columns;
    try {
      columns = new CsvRowConverter(schema);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("JSONPath", e.getMessage(), e);
    }
    boolean ignoreUnknown = Boolean.TRUE.equals(options.getIgnoreUnknownValues());
    return new CsvPayloadFormat(
        new CsvRecordParser(format(options)), columns, new JsonRowConverter(schema, ignoreUnknown));
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
