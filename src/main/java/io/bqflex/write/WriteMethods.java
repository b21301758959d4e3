package io.bqflex.write;

import java.util.List;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Picks the BigQuery write method from the job's mode and the user's Storage Write API switches.
 */
public final class WriteMethods {
  /** Dataflow's name for the at-least-once streaming mode (service option or experiment). */
  public static final String AT_LEAST_ONCE_MODE = "streaming_mode_at_least_once";

  private WriteMethods() {}

  /**
   * Batch: FILE_LOADS unless the user asks for the Storage Write API (at-least-once implies it).
   * Streaming: always the Storage Write API, exactly-once unless the job runs in Dataflow's
   * at-least-once mode or the user asks for at-least-once writes.
   */
  public static Method choose(BigQueryOutputOptions options) {
    boolean atLeastOnce = Boolean.TRUE.equals(options.getUseStorageWriteApiAtLeastOnce());
    if (options.as(StreamingOptions.class).isStreaming()) {
      return atLeastOnce || runsAtLeastOnce(options)
          ? Method.STORAGE_API_AT_LEAST_ONCE
          : Method.STORAGE_WRITE_API;
    }
    if (atLeastOnce) {
      return Method.STORAGE_API_AT_LEAST_ONCE;
    }
    return Boolean.TRUE.equals(options.getUseStorageWriteApi())
        ? Method.STORAGE_WRITE_API
        : Method.FILE_LOADS;
  }

  /** Whether the job was launched in Dataflow's at-least-once streaming mode. */
  public static boolean runsAtLeastOnce(BigQueryOutputOptions options) {
    if (ExperimentalOptions.hasExperiment(options, AT_LEAST_ONCE_MODE)) {
      return true;
    }
    List<String> serviceOptions =
        options.as(DataflowPipelineOptions.class).getDataflowServiceOptions();
    return serviceOptions != null && serviceOptions.contains(AT_LEAST_ONCE_MODE);
  }
}
