package io.bqflex.read;

/**
 * Where lines start, as {@link BoundaryMachine}s: one unit per line, blank lines included (the line
 * readers number every line).
 */
public final class LineBoundaries {
  private LineBoundaries() {}

  /** Lines that end at LF (a CR before it belongs to the ending): {@link JsonLinesReader}'s. */
  public static BoundaryMachine atLineFeeds() {
    throw new UnsupportedOperationException("TODO: split-lines branch");
  }

  /** Lines that end at LF, CR LF or a lone CR: {@link TextLinesReader}'s (Beam's TextIO's). */
  public static BoundaryMachine atAnyLineEnd() {
    throw new UnsupportedOperationException("TODO: split-lines branch");
  }
}
