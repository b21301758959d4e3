package io.bqflex.write;

import java.io.Serializable;

/**
 * A file record the Storage Write API refused, known by its position only, on its way to having its
 * payload read again ({@link RefusedRowOrigin#positionOf}).
 *
 * @param textHash the {@code String.hashCode} of the record's text as it was read, to tell the same
 *     record from another one at that number in a file replaced since
 * @param timestampMillis when the refusal came back
 */
record RefusedFileRecord(
    String source, long recordNumber, int textHash, String reason, long timestampMillis)
    implements Serializable {}
