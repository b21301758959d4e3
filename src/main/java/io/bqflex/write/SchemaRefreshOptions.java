package io.bqflex.write;

import org.apache.beam.sdk.options.Description;

/** What streaming templates offer besides: following the output table's schema as it changes. */
public interface SchemaRefreshOptions extends BigQueryOutputOptions {
  /** The parameter's name, for messages. */
  String PARAMETER = "tableSchemaRefreshSeconds";

  @Description(
      "Read the output table's schema again every this many seconds, so that columns added while"
          + " the job runs take values; 0 or unset: convert against the launch schema only.")
  Integer getTableSchemaRefreshSeconds();

  void setTableSchemaRefreshSeconds(Integer value);
}
