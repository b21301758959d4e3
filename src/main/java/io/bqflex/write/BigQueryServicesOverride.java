package io.bqflex.write;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The one place where BigQuery's services can be replaced: local runs and tests hand in Beam's
 * in-process {@code FakeBigQueryServices}, so the real BigQueryIO code runs against them. On
 * Dataflow nothing is set and BigQueryIO talks to BigQuery.
 */
public final class BigQueryServicesOverride {

  /** Carries the replacement through the pipeline options; never set from the command line. */
  public interface Options extends PipelineOptions {
    @JsonIgnore
    @Hidden
    @Description("In-process BigQuery services for local runs and tests.")
    BigQueryServices getBigQueryServicesOverride();

    void setBigQueryServicesOverride(BigQueryServices services);
  }

  private BigQueryServicesOverride() {}

  /**
   * Makes every BigQueryIO write of the pipeline built with {@code options} use {@code services}.
   */
  public static void install(PipelineOptions options, BigQueryServices services) {
    options.as(Options.class).setBigQueryServicesOverride(services);
  }

  static <T> BigQueryIO.Write<T> applyTo(BigQueryIO.Write<T> write, PipelineOptions options) {
    BigQueryServices services = options.as(Options.class).getBigQueryServicesOverride();
    return services == null ? write : write.withTestServices(services);
  }

  /** BigQuery's dataset service for {@code options}: the replacement's, or the real one. */
  public static DatasetService datasetService(PipelineOptions options) {
    return services(options).getDatasetService(options.as(BigQueryOptions.class));
  }

  /** The services {@code options}' writes use: the replacement, or BigQuery's own. */
  static BigQueryServices services(PipelineOptions options) {
    BigQueryServices services = options.as(Options.class).getBigQueryServicesOverride();
    return services == null ? new BigQueryServicesImpl() : services;
  }

  /**
   * The schema patches for {@code options}: on the replacement's in-process tables, or on BigQuery.
   */
  public static TableSchemaPatches schemaPatches(PipelineOptions options) {
    return SchemaPatchesSource.of(options).open(options);
  }
}
