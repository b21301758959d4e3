package io.bqflex.write;

import java.io.Serializable;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where a step running on the workers gets its {@link TableSchemaPatches}: the replacement services
 * of a local run or test travel with the step (pipeline options do not carry them to the workers),
 * BigQuery's are made from the worker's pipeline options.
 */
public final class SchemaPatchesSource implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The replacement services; null on Dataflow. */
  private final BigQueryServices services;

  private SchemaPatchesSource(BigQueryServices services) {
    this.services = services;
  }

  /** The source for the pipeline built with {@code options}. */
  public static SchemaPatchesSource of(PipelineOptions options) {
    return new SchemaPatchesSource(
        options.as(BigQueryServicesOverride.Options.class).getBigQueryServicesOverride());
  }

  /** Schema patches through the options of the JVM this runs in. */
  public TableSchemaPatches open(PipelineOptions options) {
    BigQueryOptions bigQueryOptions = options.as(BigQueryOptions.class);
    if (services == null) {
      return new BigQuerySchemaPatches(bigQueryOptions);
    }
    DatasetService datasets = services.getDatasetService(bigQueryOptions);
    if (datasets instanceof FakeDatasetService fake) {
      return new InProcessSchemaPatches(fake);
    }
    throw new IllegalStateException(
        "replacement BigQuery services patch no schemas: " + datasets.getClass().getName());
  }
}
