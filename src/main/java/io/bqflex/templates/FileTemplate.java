package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.catalog.LaunchChecks;
import io.bqflex.pipeline.Template;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.write.WriteSettings;
import java.util.List;

/**
 * What the Cloud Storage file templates answer alike, outside their pipeline: they write {@code
 * outputTable}, in a schema their payload format must be able to read. Each template's class still
 * builds its own pipeline.
 */
interface FileTemplate<O extends FileToBigQueryOptions> extends Template<O> {

  /** How the template's records become rows of {@code schema}. */
  PayloadFormat payloadFormat(O options, TableSchema schema);

  @Override
  default LaunchChecks.Findings preflight(O options, Reach reach) {
    return OutputPreflight.of(
        options,
        "outputTable",
        options.getOutputTable(),
        reach,
        schema -> payloadFormat(options, schema));
  }

  @Override
  default List<String> outputTables(O options) {
    return WriteSettings.outputTables(options, "outputTable", options.getOutputTable());
  }
}
