package io.bqflex.bench;

/**
 * The split read's figures: the file, and the measured reads summed at 1 and at 2 threads.
 *
 * @param records records in the file (each read reads them all)
 */
record SplitReadFigure(
    long bytes,
    int ranges,
    int spans,
    long records,
    int rounds,
    Total oneThread,
    Total twoThreads) {

  /** Measured reads at one thread count, summed. */
  record Total(
      long records,
      long bytes,
      double seconds,
      double scanSeconds,
      long processCpuNanos,
      long workerCpuNanos) {
    static final Total NONE = new Total(0, 0, 0, 0, 0, 0);

    Total plus(SplitRead.Result read) {
      return new Total(
          records + read.records(),
          bytes + read.bytes(),
          seconds + read.seconds(),
          scanSeconds + read.scanSeconds(),
          processCpuNanos + read.processCpuNanos(),
          workerCpuNanos + read.workerCpuNanos());
    }

    double recordsPerSecond() {
      return seconds <= 0 ? 0 : records / seconds;
    }

    /** Process CPU (every thread, the JIT and the collector) per record, in microseconds. */
    double cpuMicrosPerRecord() {
      return records == 0 ? 0 : processCpuNanos / 1e3 / records;
    }

    /** CPU of the pool's threads alone per record, in microseconds. */
    double workerCpuMicrosPerRecord() {
      return records == 0 ? 0 : workerCpuNanos / 1e3 / records;
    }

    /** How fast the ranges were scanned for record starts, in MiB of file per second. */
    double scanMibPerSecond() {
      return scanSeconds <= 0 ? 0 : bytes / (double) SplitReadBench.MIB / scanSeconds;
    }
  }

  /** Records per second at 2 threads over records per second at 1. */
  double speedup() {
    double one = oneThread.recordsPerSecond();
    return one <= 0 ? 0 : twoThreads.recordsPerSecond() / one;
  }
}
