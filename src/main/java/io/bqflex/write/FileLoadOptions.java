package io.bqflex.write;

import org.apache.beam.sdk.options.Description;

/** What templates that write with BigQuery load jobs (the batch templates) offer besides. */
public interface FileLoadOptions extends BigQueryOutputOptions {

  @Description("Temporary directory for BigQuery load jobs; default: tempLocation.")
  String getBigQueryLoadingTemporaryDirectory();

  void setBigQueryLoadingTemporaryDirectory(String value);
}
