package io.bqflex.bench;

/**
 * A measured rate in records per second, with JMH's 99.9 % error margin when JMH measured it (NaN
 * for an end-to-end run, measured once), and the bytes allocated per record when JMH's GC profiler
 * ran (NaN otherwise).
 */
record Figure(double perSecond, double error, double allocBytesPerRecord) {
  Figure(double perSecond, double error) {
    this(perSecond, error, Double.NaN);
  }

  static Figure once(double perSecond) {
    return new Figure(perSecond, Double.NaN);
  }

  boolean hasError() {
    return !Double.isNaN(error);
  }

  boolean hasAllocation() {
    return !Double.isNaN(allocBytesPerRecord);
  }
}
