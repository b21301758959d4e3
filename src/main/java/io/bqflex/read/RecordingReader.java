package io.bqflex.read;

import java.io.IOException;
import java.io.Reader;

/**
 * Passes characters through to a parser and keeps a copy of them, so that the original text of a
 * record can be cut out by character position after the parser has read it. The caller says what it
 * no longer needs ({@link #forget}), which keeps memory to about one record plus the parser's
 * read-ahead.
 */
final class RecordingReader extends Reader {
  /** Forgotten text is removed in batches, not per record, to avoid moving the rest each time. */
  private static final int COMPACT_AFTER = 64 * 1024;

  private final Reader source;
  private final StringBuilder kept = new StringBuilder();

  /** The file position of {@code kept.charAt(0)}. */
  private long keptFrom;

  /** Text before this file position is no longer needed. */
  private long neededFrom;

  RecordingReader(Reader source) {
    this.source = source;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = source.read(buffer, offset, length);
    if (n > 0) {
      kept.append(buffer, offset, n);
    }
    return n;
  }

  /** The file position just after the last character handed out. */
  long end() {
    return keptFrom + kept.length();
  }

  /** The text between file positions {@code from} (not forgotten) and {@code to}. */
  String text(long from, long to) {
    return kept.substring(index(from), index(to));
  }

  /**
   * The file position just after the {@code count}th line break from {@code from}, counting a line
   * break the way Commons CSV counts lines (CR, LF, and CR LF as one); {@link #end()} when the text
   * handed out holds fewer.
   */
  long afterLineBreaks(long from, long count) {
    int i = index(from);
    int length = kept.length();
    for (long found = 0; found < count && i < length; ) {
      char c = kept.charAt(i++);
      if (c == '\n') {
        found++;
      } else if (c == '\r') {
        found++;
        if (i < length && kept.charAt(i) == '\n') {
          i++;
        }
      }
    }
    return keptFrom + i;
  }

  /**
   * The text from {@code from} on, reading further from the source (not through the parser) until
   * it holds {@code maxChars} characters or the source ends.
   */
  String readFrom(long from, int maxChars) throws IOException {
    char[] buffer = new char[8192];
    while (end() - from < maxChars) {
      int n = read(buffer, 0, buffer.length);
      if (n < 0) {
        break;
      }
    }
    return kept.substring(
        index(from), (int) Math.min(kept.length(), index(from) + (long) maxChars));
  }

  /** Text before file position {@code position} will not be asked for again. */
  void forget(long position) {
    neededFrom = position;
    int unneeded = index(position);
    if (unneeded >= COMPACT_AFTER && unneeded >= kept.length() / 2) {
      kept.delete(0, unneeded);
      keptFrom = position;
    }
  }

  private int index(long position) {
    if (position < neededFrom) {
      throw new IllegalStateException(
          "Text at position " + position + " was already forgotten (from " + neededFrom + ")");
    }
    return Math.toIntExact(position - keptFrom);
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
