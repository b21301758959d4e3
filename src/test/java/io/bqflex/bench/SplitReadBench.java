package io.bqflex.bench;

import io.bqflex.read.FileFormat;
import io.bqflex.rows.CsvFormats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code split_read_speedup_2t}: one large CSV file (every fifth record with a quoted line break)
 * read split and converted as {@code gcs-csv-to-bigquery} converts it (csvFormat Default, a header)
 * by {@link SplitRead} with 2 threads and with 1. A warm-up read at each thread count, then the
 * measured reads alternate (2, 1, 2, 1, ...), so drift on a shared machine falls on both.
 */
final class SplitReadBench {
  static final long MIB = 1 << 20;

  private final Path dir;
  private final long fileBytes;
  private final long rangeBytes;
  private final int rounds;
  private final PrintStream console;

  /**
   * @param rounds measured reads at each thread count
   */
  SplitReadBench(Path dir, long fileBytes, long rangeBytes, int rounds, PrintStream console) {
    this.dir = dir;
    this.fileBytes = fileBytes;
    this.rangeBytes = rangeBytes;
    this.rounds = rounds;
    this.console = console;
  }

  SplitReadFigure run() throws IOException, InterruptedException {
    console.printf("Split read: writing or reusing a %,d-byte CSV file in %s%n", fileBytes, dir);
    Path file = SplitBenchFiles.csv(dir, fileBytes);
    FileFormat csv = FileFormat.csv(CsvFormats.named("Default", null), true, "UTF-8", "encoding");
    SplitRead read =
        new SplitRead(file, csv, () -> TemplateFormats.csv(BenchRows.schema()), rangeBytes);
    return measure(read, rounds, console);
  }

  /** The warm-up and measured reads of {@code read}, checked for lost or broken records. */
  static SplitReadFigure measure(SplitRead read, int rounds, PrintStream console)
      throws IOException, InterruptedException {
    SplitRead.Result first = checked(read.run(1), null, console, "warm-up");
    checked(read.run(2), first, console, "warm-up");
    SplitReadFigure.Total one = SplitReadFigure.Total.NONE;
    SplitReadFigure.Total two = SplitReadFigure.Total.NONE;
    for (int round = 1; round <= rounds; round++) {
      System.gc();
      two = two.plus(checked(read.run(2), first, console, "round " + round));
      System.gc();
      one = one.plus(checked(read.run(1), first, console, "round " + round));
    }
    return new SplitReadFigure(
        first.bytes(), first.ranges(), first.spans(), first.records(), rounds, one, two);
  }

  /**
   * Fails loudly when a read lost records, converted fewer than it read, or differs from the first
   * read: figures of a split that cuts records wrongly are not figures.
   */
  private static SplitRead.Result checked(
      SplitRead.Result result, SplitRead.Result first, PrintStream console, String round) {
    console.printf(
        "  %s, %d thread%s: %,d records (%d ranges, %d spans) in %.2f s (scan %.2f s),"
            + " %,.0f records/s%n",
        round,
        result.threads(),
        result.threads() == 1 ? "" : "s",
        result.records(),
        result.ranges(),
        result.spans(),
        result.seconds(),
        result.scanSeconds(),
        result.records() / result.seconds());
    if (result.failed() > 0 || result.rows() != result.records() || result.records() == 0) {
      throw new IllegalStateException(
          "Split read of "
              + result.bytes()
              + " bytes: "
              + result.records()
              + " records, "
              + result.rows()
              + " rows, "
              + result.failed()
              + " failed: every record should convert");
    }
    if (first != null && (first.records() != result.records() || first.spans() != result.spans())) {
      throw new IllegalStateException(
          "Split reads disagree: "
              + first.records()
              + " records in "
              + first.spans()
              + " spans at 1 thread, "
              + result.records()
              + " in "
              + result.spans()
              + " at "
              + result.threads());
    }
    return result;
  }
}
