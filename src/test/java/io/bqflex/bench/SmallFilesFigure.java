package io.bqflex.bench;

/** One load of many small files: files, records read, rows in the table, wall and CPU time. */
record SmallFilesFigure(
    int files, long records, long rowsInTable, double seconds, long processCpuNanos) {
  double cpuMillisPerFile() {
    return files == 0 ? 0 : processCpuNanos / 1e6 / files;
  }

  double wallMillisPerFile() {
    return files == 0 ? 0 : seconds * 1e3 / files;
  }
}
