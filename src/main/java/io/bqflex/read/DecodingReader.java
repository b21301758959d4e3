package io.bqflex.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Decodes a file's bytes with the user's charset, drops a byte-order mark at the start, remembers
 * where it met bytes that are not valid in the charset, and can give back any record's original
 * bytes ({@link #originalBytes}).
 *
 * <p>Invalid bytes become U+FFFD and reading carries on; the readers then fail just the records
 * that contain them ({@link #hasInvalidBytesBetween}). Why not the alternatives: replacing silently
 * would load altered text into BigQuery with no trace of it, and stopping at the first invalid byte
 * would lose every good record after it. This way the damaged record reaches the dead-letter table,
 * where the U+FFFD shows the spot in the text and the original bytes sit beside it.
 *
 * <p>Original bytes are rebuilt rather than copied: a record's text encoded back in the charset,
 * with the bytes kept for every character that does not encode back to the bytes it came from (the
 * U+FFFD of invalid bytes, and the few characters a charset maps two ways, such as EBCDIC's line
 * feed). Strict UTF-8, US-ASCII and ISO-8859-1 map one to one, so a clean record of those costs
 * nothing; in any other charset each decoded run is encoded back once and compared, and only a run
 * that differs is looked at character by character. A UTF-8 record without invalid bytes needs no
 * bytes of its own at all: its text's UTF-8 form is the original ({@link #originalBytes} returns
 * null).
 *
 * <p>A byte-order mark is the character U+FEFF at the start of the decoded text: for UTF-8, and for
 * UTF-16LE/BE or UTF-32 charsets that keep it. Java's "UTF-16" and "UTF-32" decoders would consume
 * it unseen, so the byte order they would choose from it (big-endian without one) is chosen here
 * and the mark dropped like the others. In another charset those bytes are ordinary characters and
 * stay, for example "ï»¿" in ISO-8859-1.
 */
public final class DecodingReader extends Reader {
  private static final int BUFFER_SIZE = 8192;
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final char REPLACEMENT = '\uFFFD';

  private final InputStream in;
  private final String charsetParameter;
  private CharsetDecoder decoder;
  private CharsetEncoder encoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
  private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();

  /** Whether the UTF-8 form of clean text is the original: no bytes to keep for clean records. */
  private boolean textIsUtf8;

  /** Whether every valid byte sequence decodes to characters that encode back to it. */
  private boolean mapsOneToOne;

  /**
   * The characters whose original bytes are not their encoding, by position in delivered
   * characters, ascending: each U+FFFD that replaces invalid bytes, and each character that would
   * encode back differently.
   */
  private final ArrayDeque<KeptBytes> kept = new ArrayDeque<>();

  private long delivered;
  private boolean atStart;
  private boolean inputEnded;
  private boolean finished;

  /** Decodes {@code in} with {@code charset}. */
  public DecodingReader(InputStream in, Charset charset) {
    this(in, charset, null);
  }

  /**
   * Decodes {@code in} with {@code charset}, which the user chose with the template parameter
   * {@code charsetParameter} (null when the template reads one charset only), for messages.
   */
  public DecodingReader(InputStream in, Charset charset, String charsetParameter) {
    this(in, charset, charsetParameter, true);
  }

  /**
   * Decodes {@code in}, which starts at a file's first byte when {@code atFileStart} (a byte-order
   * mark there is dropped) or within the file (a split read: U+FEFF there is a character, as in the
   * whole file, and the charset's byte order is the one it names).
   */
  public DecodingReader(
      InputStream in, Charset charset, String charsetParameter, boolean atFileStart) {
    this.in = in;
    this.charsetParameter = charsetParameter;
    this.atStart = atFileStart;
    useCharset(charset);
  }

  private void useCharset(Charset charset) {
    decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    encoder =
        charset.canEncode()
            ? charset
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
            : null;
    textIsUtf8 =
        charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII);
    mapsOneToOne = textIsUtf8 || charset.equals(StandardCharsets.ISO_8859_1);
  }

  public Charset charset() {
    return decoder.charset();
  }

  /** The template parameter that names the charset; null when the template reads one charset. */
  public String charsetParameter() {
    return charsetParameter;
  }

  /**
   * Whether any character in [{@code from}, {@code to}) replaces invalid bytes. Callers ask in
   * ascending order; positions before {@code from} are forgotten.
   */
  public boolean hasInvalidBytesBetween(long from, long to) {
    forgetBefore(from);
    for (KeptBytes k : kept) {
      if (k.position() >= to) {
        return false;
      }
      if (k.invalid()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The original bytes of {@code text}, the characters delivered from position {@code from} on;
   * null when they are the UTF-8 form of {@code text}. Callers ask in ascending order, and not for
   * a position before one given to {@link #hasInvalidBytesBetween}; positions before {@code from}
   * are forgotten.
   */
  public byte[] originalBytes(long from, CharSequence text) {
    forgetBefore(from);
    long to = from + text.length();
    boolean anyKept = !kept.isEmpty() && kept.peekFirst().position() < to;
    if (textIsUtf8 && !anyKept) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
    int encodedUpTo = 0;
    Iterator<KeptBytes> it = kept.iterator();
    while (anyKept && it.hasNext()) {
      KeptBytes k = it.next();
      if (k.position() >= to) {
        break;
      }
      int at = Math.toIntExact(k.position() - from);
      out.writeBytes(encode(text, encodedUpTo, at));
      out.writeBytes(k.bytes());
      encodedUpTo = at + k.chars();
    }
    out.writeBytes(encode(text, encodedUpTo, text.length()));
    return out.toByteArray();
  }

  /**
   * The original bytes of {@code recordText}, at position {@code from} of {@code text}; null when
   * they are its UTF-8 form or {@code text} is no {@link DecodingReader} (text given as text).
   */
  static byte[] originalBytesOf(Reader text, long from, String recordText) {
    return text instanceof DecodingReader decoded ? decoded.originalBytes(from, recordText) : null;
  }

  private void forgetBefore(long position) {
    while (!kept.isEmpty() && kept.peekFirst().position() < position) {
      kept.removeFirst();
    }
  }

  private byte[] encode(CharSequence text, int from, int to) {
    if (from >= to) {
      return new byte[0];
    }
    String part = text.subSequence(from, to).toString();
    byte[] encoded = textIsUtf8 ? null : encoded(CharBuffer.wrap(part));
    // Only a charset that keeps state between characters and cannot encode gets here without.
    return encoded != null ? encoded : part.getBytes(StandardCharsets.UTF_8);
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
    if (atStart) {
      chooseByteOrder();
    }
    chars.clear();
    long firstPosition = delivered;
    int keptAt0 = kept.size();
    while (!finished && chars.hasRemaining()) {
      int bytesFrom = bytes.position();
      int charsFrom = chars.position();
      CoderResult result = decoder.decode(bytes, chars, inputEnded);
      keepBytesThatDoNotEncodeBack(bytesFrom, charsFrom, firstPosition);
      if (result.isError()) {
        if (!chars.hasRemaining()) {
          break; // the decoder reports it again on the next fill
        }
        byte[] invalid = new byte[result.length()];
        bytes.get(invalid);
        kept.addLast(new KeptBytes(firstPosition + chars.position(), 1, invalid, true));
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
        shiftPositionsAddedSince(keptAt0);
      }
    }
  }

  /**
   * Java's "UTF-16" and "UTF-32" decoders consume a byte-order mark without a trace, so the bytes
   * before the first character could not be told apart from it. Reading with the byte order the
   * mark names (big-endian without one, as those decoders assume) keeps the mark as a character.
   */
  private void chooseByteOrder() throws IOException {
    String name = decoder.charset().name();
    if (!name.equals("UTF-16") && !name.equals("UTF-32")) {
      return;
    }
    while (bytes.remaining() < 4 && !inputEnded) {
      readBytes();
    }
    boolean littleEndian =
        bytes.remaining() >= 2
            && bytes.get(bytes.position()) == (byte) 0xFF
            && bytes.get(bytes.position() + 1) == (byte) 0xFE;
    useCharset(Charset.forName(name + (littleEndian ? "LE" : "BE")));
  }

  /**
   * After a decode step that read from {@code bytesFrom} and wrote from {@code charsFrom}: keeps
   * the original bytes of the characters that would not encode back to them. A charset that maps
   * one to one has none; others are checked a whole step at a time, and only a step that differs is
   * split up.
   */
  private void keepBytesThatDoNotEncodeBack(int bytesFrom, int charsFrom, long firstPosition) {
    int charsTo = chars.position();
    if (mapsOneToOne || charsTo == charsFrom) {
      return;
    }
    byte[] original =
        Arrays.copyOfRange(bytes.array(), bytes.arrayOffset() + bytesFrom, bytes.position());
    char[] decoded = Arrays.copyOfRange(chars.array(), charsFrom, charsTo);
    if (Arrays.equals(original, encoded(CharBuffer.wrap(decoded)))) {
      return;
    }
    keepCharacterByCharacter(original, decoded, firstPosition + charsFrom);
  }

  /**
   * Decodes {@code original} once more, one character at a time, and keeps the bytes of each
   * character that encodes back differently. A charset that carries state from one character to the
   * next (ISO-2022's shifts) may decode differently this way; then the step's characters are left
   * as they are, and their bytes are their encoding.
   */
  private void keepCharacterByCharacter(byte[] original, char[] decoded, long position) {
    CharsetDecoder one =
        decoder
            .charset()
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(original);
    CharBuffer out = CharBuffer.allocate(2);
    ArrayDeque<KeptBytes> found = new ArrayDeque<>();
    int at = 0;
    while (at < decoded.length) {
      int start = in.position();
      out.clear().limit(1);
      CoderResult result = one.decode(in, out, false);
      if (out.position() == 0 && result.isOverflow()) {
        out.limit(2); // a surrogate pair comes out whole
        result = one.decode(in, out, false);
      }
      int n = out.position();
      if (result.isError()
          || n == 0
          || at + n > decoded.length
          || !CharBuffer.wrap(decoded, at, n).equals(out.flip())) {
        return;
      }
      byte[] bytesOfThis = Arrays.copyOfRange(original, start, in.position());
      if (!Arrays.equals(bytesOfThis, encoded(CharBuffer.wrap(decoded, at, n)))) {
        found.addLast(new KeptBytes(position + at, n, bytesOfThis, false));
      }
      at += n;
    }
    kept.addAll(found);
  }

  /** {@code text} in the charset; null when it cannot be encoded. */
  private byte[] encoded(CharBuffer text) {
    if (encoder == null) {
      return null;
    }
    try {
      ByteBuffer encoded = encoder.reset().encode(text);
      return Arrays.copyOf(encoded.array(), encoded.limit());
    } catch (CharacterCodingException e) {
      return null;
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

  /** A dropped byte-order mark moves the characters decoded with it one position back. */
  private void shiftPositionsAddedSince(int count) {
    int size = kept.size();
    for (int i = 0; i < size; i++) {
      KeptBytes k = kept.removeFirst();
      kept.addLast(i >= count ? k.movedBack() : k);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * The original bytes of {@code chars} characters at {@code position}; {@code invalid} when they
   * are not valid in the charset (the character is U+FFFD).
   */
  private record KeptBytes(long position, int chars, byte[] bytes, boolean invalid) {
    KeptBytes movedBack() {
      return new KeptBytes(position - 1, chars, bytes, invalid);
    }
  }
}
