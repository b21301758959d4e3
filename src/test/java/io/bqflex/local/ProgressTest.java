package io.bqflex.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bqflex.core.RecordCounts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long SECOND = 1_000_000_000L;
  private static final List<String> TABLES =
      List.of("my-project:shop.orders", "my-project:shop.orders_error_records");

  private static Progress progress(boolean batch) {
    return new Progress(new PrintStream(new ByteArrayOutputStream()), TABLES, batch);
  }

  @Test
  void showsTheRateSinceThePreviousLineNotTheRunningAverage() {
    Progress progress = progress(true);
    long start = System.nanoTime();
    progress.line(new RecordCounts(1_000, 990, 10, 0), start);
    // 2 s later 4,000 more: 2,000 records/s now, though the average since the start is lower.
    assertEquals(
        "  5,000 read · 4,980 written · 20 dead-lettered · 0 filtered · 2,000 records/s",
        progress.line(new RecordCounts(5_000, 4_980, 20, 0), start + 2 * SECOND));
  }

  @Test
  void saysItIsWritingOnceABatchRunHasReadAndAccountedForEverything() {
    Progress progress = progress(true);
    long start = System.nanoTime();
    RecordCounts done = new RecordCounts(500_000, 499_500, 500, 0);
    progress.line(done, start);
    assertEquals(
        "  read everything (500,000 records); writing 499,500 rows to my-project:shop.orders and"
            + " 500 to my-project:shop.orders_error_records",
        progress.line(done, start + 2 * SECOND));
  }

  @Test
  void aLogShowsARepeatedLineOnlyEveryHalfMinute() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Progress progress = new Progress(new PrintStream(log), TABLES, true);
    long start = System.nanoTime();
    RecordCounts done = new RecordCounts(500_000, 499_500, 500, 0);
    progress.report(done, start);
    for (int second = 2; second <= 28; second += 2) {
      progress.report(done, start + second * SECOND);
    }
    progress.report(done, start + 2 * SECOND + Progress.REPEAT_AFTER_NANOS);

    List<String> lines = log.toString().lines().toList();
    assertEquals(3, lines.size(), log::toString);
    assertEquals(lines.get(1), lines.get(2));
  }

  @Test
  void aStreamingRunWaitingForMessagesIsNotWriting() {
    Progress progress = progress(false);
    long start = System.nanoTime();
    RecordCounts idle = new RecordCounts(14, 8, 6, 0);
    progress.line(idle, start);
    assertEquals(
        "  14 read · 8 written · 6 dead-lettered · 0 filtered · 0 records/s",
        progress.line(idle, start + 2 * SECOND));
  }
}
