package io.bqflex.bench;

/** One end-to-end load: records read, seconds from pipeline start to finish, rows in the table. */
record EndToEndFigure(long records, double seconds, long rowsInTable) {
  Figure rate() {
    return Figure.once(seconds <= 0 ? 0 : records / seconds);
  }
}
