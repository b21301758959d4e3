package io.bqflex.read;

import java.io.IOException;

/**
 * A file is no longer the size it had when it was matched: it was rewritten or appended to while
 * the job read it. Its reads were planned against the old bytes, so reading on could read a record
 * twice or not at all; the read fails instead, naming the file.
 */
public final class FileChangedException extends IOException {
  private static final long serialVersionUID = 1L;

  FileChangedException(String file, long matchedSize, long sizeNow) {
    super(
        file
            + " changed while the job read it: it had "
            + matchedSize
            + " bytes when it was matched and has "
            + sizeNow
            + " now. Load it again once it no longer changes.");
  }
}
