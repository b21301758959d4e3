package io.bqflex.write;

import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * What every template offers for its BigQuery output, apart from the output table's own name (which
 * keeps the name of the matching Google template: {@code outputTable} or {@code outputTableSpec}).
 * The Storage Write API switches ({@code useStorageWriteApi}, {@code
 * useStorageWriteApiAtLeastOnce}, {@code numStorageWriteApiStreams}, {@code
 * storageWriteApiTriggeringFrequencySec}) are Beam's own {@link BigQueryOptions}, so Beam and the
 * templates read the same values. Help texts live in the templates' metadata.
 */
public interface BigQueryOutputOptions extends BigQueryOptions {

  @Description("BigQuery schema file; without it the existing output table's schema is used.")
  String getJSONPath();

  void setJSONPath(String value);

  @Description(
      "Name of each row's table, formed from it: events_{event_type}, requests_{ts:yyyyMMdd},"
          + " {attribute:NAME}; the project and dataset are the output table's.")
  String getOutputTableNameTemplate();

  void setOutputTableNameTemplate(String value);

  @Description(
      "Name of each row's dataset, formed from it like outputTableNameTemplate: tenant_{tenant};"
          + " the project is the output table's.")
  String getOutputDatasetTemplate();

  void setOutputDatasetTemplate(String value);

  @Description(
      "How the output table may change with the schema: ALLOW_FIELD_ADDITION,"
          + " ALLOW_FIELD_RELAXATION (comma-separated).")
  String getSchemaUpdateOptions();

  void setSchemaUpdateOptions(String value);

  @Description("Dead-letter table; default: the output table's name with '_error_records'.")
  String getOutputDeadletterTable();

  void setOutputDeadletterTable(String value);

  @Description("What to do when the output table has rows.")
  @Default.Enum("WRITE_APPEND")
  WriteDisposition getWriteDisposition();

  void setWriteDisposition(WriteDisposition value);

  @Description("Whether to create the output table when it does not exist.")
  @Default.Enum("CREATE_IF_NEEDED")
  CreateDisposition getCreateDisposition();

  void setCreateDisposition(CreateDisposition value);

  @Description("Drop fields that are not in the schema instead of dead-lettering the record.")
  @Default.Boolean(false)
  Boolean getIgnoreUnknownValues();

  void setIgnoreUnknownValues(Boolean value);

  @Description("Column to partition a table the template creates by (TIMESTAMP, DATE or DATETIME).")
  String getTimePartitioningField();

  void setTimePartitioningField(String value);

  @Description("Partition granularity of a table the template creates: HOUR, DAY, MONTH or YEAR.")
  @Default.String("DAY")
  String getTimePartitioningType();

  void setTimePartitioningType(String value);

  @Description("Comma-separated columns (up to four) to cluster a table the template creates by.")
  String getClusteringFields();

  void setClusteringFields(String value);
}
