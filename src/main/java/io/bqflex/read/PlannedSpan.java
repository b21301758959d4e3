package io.bqflex.read;

import java.io.Serializable;

/**
 * A span to read and the size its file had when it was matched: a span that starts inside the file
 * was planned against those bytes, and its read fails if the file has since changed.
 */
record PlannedSpan(RecordSpan span, long fileSize) implements Serializable {}
