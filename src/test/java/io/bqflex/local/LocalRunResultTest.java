package io.bqflex.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.core.RecordCounts;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalRunResultTest {
  private static final Path DIR = Path.of("run");

  @Test
  void summarySaysHowManyFilesWereSplitAndSpread() {
    RecordCounts counts = new RecordCounts(1_000, 1_000, 0, 0, 0, 2, 1);

    String summary = result(counts).humanSummary();

    assertTrue(
        summary.contains("2 large files read in ranges by many workers, 1 read whole and spread"),
        summary);
  }

  @Test
  void summaryOfSmallFilesSaysNothingAboutSplitting() {
    String summary = result(new RecordCounts(10, 10, 0, 0)).humanSummary();

    assertFalse(summary.contains("ranges"), summary);
  }

  private static LocalRunResult result(RecordCounts counts) {
    return new LocalRunResult("gcs-csv-to-bigquery", "DONE", counts, 1.0, Map.of(), DIR);
  }
}
