package io.bqflex.bench;

import java.lang.management.ManagementFactory;

/** The CPU time the whole JVM process has used: every thread, the JIT and the collector too. */
final class ProcessCpu {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ProcessCpu() {}

  static long nanos() {
    long nanos = OS.getProcessCpuTime();
    if (nanos < 0) {
      throw new IllegalStateException("This JVM does not report its process CPU time");
    }
    return nanos;
  }
}
