package io.bqflex.bench;

/**
 * A measured rate in records per second, with JMH's 99.9 % error margin when JMH measured it (NaN
 * for an end-to-end run, measured once).
 */
record Figure(double perSecond, double error) {
  static Figure once(double perSecond) {
    return new Figure(perSecond, Double.NaN);
  }

  boolean hasError() {
    return !Double.isNaN(error);
  }
}
