package io.bqflex.local;

import io.bqflex.pipeline.RecordCounts;
import java.time.Duration;

/** A streaming local run that did not account for every record in time. */
public class LocalRunTimeoutException extends RuntimeException {
  public LocalRunTimeoutException(Duration limit, RecordCounts counts) {
    super(
        String.format(
            "stopped after %d s with %,d records read and %,d accounted for; raise --timeout or"
                + " check the pipeline's log",
            limit.toSeconds(), counts.read(), counts.accountedFor()));
  }
}
