package io.bqflex.pipeline;

import io.bqflex.core.FailedRecord;
import io.bqflex.core.SourceRecord;
import io.bqflex.write.WriteWithDeadLetters;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The one shape of every template: read → parse, UDF, convert → write, with the failures of every
 * step on their way to the dead-letter table.
 */
public final class ReadConvertWrite {
  private ReadConvertWrite() {}

  /**
   * @param reader yields records on {@code records} and unreadable input on {@code readFailures}
   */
  public static void assemble(
      Pipeline pipeline,
      String readStepName,
      PTransform<PBegin, PCollectionTuple> reader,
      TupleTag<SourceRecord> records,
      TupleTag<FailedRecord> readFailures,
      ConvertRecords convert,
      WriteWithDeadLetters write) {
    PCollectionTuple read = pipeline.apply(readStepName, reader);
    PCollectionTuple converted = read.get(records).apply("ConvertRecords", convert);
    PCollection<FailedRecord> failures =
        PCollectionList.of(read.get(readFailures))
            .and(converted.get(ConvertRecords.FAILURES))
            .apply("CollectFailures", Flatten.pCollections());
    PCollectionTuple.of(WriteWithDeadLetters.ROWS, converted.get(ConvertRecords.ROWS))
        .and(WriteWithDeadLetters.FAILURES, failures)
        .apply("WriteToBigQuery", write);
  }
}
