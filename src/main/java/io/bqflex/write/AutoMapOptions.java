package io.bqflex.write;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** What templates of JSON records offer besides: columns added for the fields records bring. */
public interface AutoMapOptions extends BigQueryOutputOptions {
  /** The parameter's name, Google's in its CDC template, for messages. */
  String PARAMETER = "autoMapTables";

  @Description(
      "Add a NULLABLE column to the output table for each field the records carry that it lacks,"
          + " typed from the field's JSON values.")
  @Default.Boolean(false)
  Boolean getAutoMapTables();

  void setAutoMapTables(Boolean value);
}
