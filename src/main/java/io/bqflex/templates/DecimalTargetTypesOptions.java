package io.bqflex.templates;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** BigQuery's {@code decimalTargetTypes} load option, for the templates of Avro and Parquet. */
public interface DecimalTargetTypesOptions extends PipelineOptions {
  @Description(
      "Which of NUMERIC, BIGNUMERIC and STRING a decimal may become, comma-separated"
          + " (BigQuery's decimalTargetTypes); default NUMERIC.")
  String getDecimalTargetTypes();

  void setDecimalTargetTypes(String value);
}
