package io.bqflex.write;

import java.io.Serializable;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * BigQuery's dataset service for a step that asks BigQuery itself while the job runs, serialized
 * with the step: the replacement services of a local run or test travel with it (pipeline options
 * do not carry them to the workers), or else BigQuery's, made on the worker with its default
 * credentials (the job's service account on Dataflow).
 */
final class WorkerDatasets implements Serializable {
  private static final long serialVersionUID = 1L;

  private final BigQueryServices services;
  private transient DatasetService datasets;

  private WorkerDatasets(BigQueryServices services) {
    this.services = services;
  }

  /** Through the BigQuery services {@code options}' writes use. */
  static WorkerDatasets of(PipelineOptions options) {
    return new WorkerDatasets(BigQueryServicesOverride.services(options));
  }

  /** The dataset service, made on first use in this JVM. */
  DatasetService get() {
    if (datasets == null) {
      datasets =
          services.getDatasetService(PipelineOptionsFactory.create().as(BigQueryOptions.class));
    }
    return datasets;
  }
}
