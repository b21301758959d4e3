package io.bqflex.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;

/**
 * Decodes a file's bytes with the user's charset, drops a byte-order mark at the start, and
 * remembers where it met bytes that are not valid in the charset.
 *
 * <p>Invalid bytes become U+FFFD and reading carries on; the readers then fail just the records
 * that contain them ({@link #hasInvalidBytesBetween}). Why not the alternatives: replacing silently
 * would load altered text into BigQuery with no trace of it, and stopping at the first invalid byte
 * would lose every good record after it. This way the damaged record reaches the dead-letter table,
 * where the U+FFFD shows the spot, and the message says to check the encoding.
 *
 * <p>A byte-order mark is the character U+FEFF at the start of the decoded text: for UTF-8, and for
 * UTF-16LE/BE or UTF-32 charsets that keep it. (Java's "UTF-16" and "UTF-32" decoders already
 * consume it and use it to choose the byte order.) In another charset those bytes are ordinary
 * characters and stay, for example "ï»¿" in ISO-8859-1.
 */
public final class DecodingReader extends Reader {
  private static final int BUFFER_SIZE = 8192;
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final char REPLACEMENT = '\uFFFD';

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
  private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();

  /** Positions, in delivered characters, of the U+FFFD that replace invalid bytes; ascending. */
  private final ArrayDeque<Long> invalidPositions = new ArrayDeque<>();

  private long delivered;
  private boolean atStart = true;
  private boolean inputEnded;
  private boolean finished;

  public DecodingReader(InputStream in, Charset charset) {
    this.in = in;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  public Charset charset() {
    return decoder.charset();
  }

  /**
   * Whether any character in [{@code from}, {@code to}) replaces invalid bytes. Callers ask in
   * ascending order; positions before {@code from} are forgotten.
   */
  public boolean hasInvalidBytesBetween(long from, long to) {
    while (!invalidPositions.isEmpty() && invalidPositions.peekFirst() < from) {
      invalidPositions.removeFirst();
    }
    return !invalidPositions.isEmpty() && invalidPositions.peekFirst() < to;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (finished) {
        return -1;
      }
      fill();
    }
    int n = Math.min(length, chars.remaining());
    chars.get(buffer, offset, n);
    delivered += n;
    return n;
  }

  /** Decodes the next characters into {@link #chars}; may leave it empty (a lone mark). */
  private void fill() throws IOException {
    chars.clear();
    long firstPosition = delivered;
    int replacedAt0 = invalidPositions.size();
    while (!finished && chars.hasRemaining()) {
      CoderResult result = decoder.decode(bytes, chars, inputEnded);
      if (result.isError()) {
        if (!chars.hasRemaining()) {
          break; // the decoder reports it again on the next fill
        }
        bytes.position(bytes.position() + result.length());
        invalidPositions.addLast(firstPosition + chars.position());
        chars.put(REPLACEMENT);
      } else if (result.isUnderflow()) {
        if (inputEnded) {
          decoder.flush(chars);
          finished = true;
        } else if (chars.position() > 0) {
          break; // hand out what is decoded before reading more
        } else {
          readBytes();
        }
      } else {
        break; // overflow: chars is full
      }
    }
    chars.flip();
    if (atStart && chars.hasRemaining()) {
      atStart = false;
      if (chars.get(0) == BYTE_ORDER_MARK) {
        chars.get();
        shiftPositionsAddedSince(replacedAt0);
      }
    }
  }

  private void readBytes() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      inputEnded = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  /** A dropped byte-order mark moves the replacements decoded with it one character back. */
  private void shiftPositionsAddedSince(int count) {
    int size = invalidPositions.size();
    for (int i = 0; i < size; i++) {
      long position = invalidPositions.removeFirst();
      invalidPositions.addLast(i >= count ? position - 1 : position);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
