package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class WriteMethodsTest {

  private static Method methodFor(String... args) {
    return WriteMethods.choose(
        PipelineOptionsFactory.fromArgs(args).as(BigQueryOutputOptions.class));
  }

  @Test
  void batchLoadsFilesUnlessTheStorageWriteApiIsAskedFor() {
    assertEquals(Method.FILE_LOADS, methodFor());
    assertEquals(Method.STORAGE_WRITE_API, methodFor("--useStorageWriteApi=true"));
    assertEquals(
        Method.STORAGE_API_AT_LEAST_ONCE, methodFor("--useStorageWriteApiAtLeastOnce=true"));
  }

  @Test
  void streamingWritesExactlyOnceByDefault() {
    assertEquals(Method.STORAGE_WRITE_API, methodFor("--streaming=true"));
  }

  @Test
  void streamingJobInAtLeastOnceModeWritesAtLeastOnce() {
    assertEquals(
        Method.STORAGE_API_AT_LEAST_ONCE,
        methodFor("--streaming=true", "--experiments=streaming_mode_at_least_once"));
    assertEquals(
        Method.STORAGE_API_AT_LEAST_ONCE,
        methodFor("--streaming=true", "--dataflowServiceOptions=streaming_mode_at_least_once"));
  }

  @Test
  void exactlyOnceJobWritesAtLeastOnceWhenTheUserAsks() {
    assertEquals(
        Method.STORAGE_API_AT_LEAST_ONCE,
        methodFor("--streaming=true", "--useStorageWriteApiAtLeastOnce=true"));
  }
}
