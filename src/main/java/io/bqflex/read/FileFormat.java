package io.bqflex.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;

/**
 * How to turn a file's bytes into records: CSV, newline-delimited JSON or plain text lines, in a
 * charset.
 */
public abstract class FileFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String charsetName;
  private final String encodingParameter;

  private FileFormat(String encoding, String encodingParameter) {
    // Resolved now, so an unknown name fails at pipeline construction rather than on a worker.
    this.charsetName = FileEncoding.charsetNamed(encoding).name();
    this.encodingParameter = encodingParameter;
  }

  /**
   * CSV in {@code format} (see {@code io.bqflex.rows.CsvFormats}), whose first record is a header
   * to skip when {@code containsHeaders}; {@code encoding} is a charset name, UTF-8 when null, that
   * the user gives with the template parameter {@code encodingParameter} (which messages name).
   */
  public static FileFormat csv(
      CSVFormat format, boolean containsHeaders, String encoding, String encodingParameter) {
    return new Csv(format, containsHeaders, encoding, encodingParameter);
  }

  /**
   * Newline-delimited JSON; {@code encoding} is a charset name, UTF-8 when null, fixed by the
   * template (no parameter sets it).
   */
  public static FileFormat jsonLines(String encoding) {
    return new JsonLines(encoding);
  }

  /**
   * Plain text, one record per line, blank lines included; {@code encoding} is a charset name,
   * UTF-8 when null, fixed by the template (no parameter sets it).
   */
  public static FileFormat textLines(String encoding) {
    return new TextLines(encoding);
  }

  /** A reader of the records in {@code bytes}, a whole file, which it closes. */
  public final FileRecordReader open(InputStream bytes) throws IOException {
    return open(bytes, RecordSpan.whole("", null, false));
  }

  /**
   * A reader of the records of {@code span}, whose bytes (from {@link RecordSpan#startByte()} on,
   * decompressed) {@code bytes} gives; it reads {@link RecordSpan#count()} units at most, numbers
   * them from {@link RecordSpan#firstNumber()}, and closes {@code bytes}.
   */
  public final FileRecordReader open(InputStream bytes, RecordSpan span) throws IOException {
    return open(new DecodingReader(bytes, charset(), encodingParameter, span.atFileStart()), span);
  }

  abstract FileRecordReader open(DecodingReader text, RecordSpan span) throws IOException;

  /**
   * The machine that finds where this format's units start in a file's bytes, or null when files in
   * this format and charset are read whole (see {@link SplittableCharsets}).
   */
  public abstract BoundaryMachine boundaries();

  /** Why files in this format are read whole, for the README and logs; null when they split. */
  public abstract String whyReadWhole();

  /**
   * How many of {@code head}, a file's first bytes, are a byte-order mark that its reader drops: 3
   * for UTF-8's EF BB BF in a UTF-8 file, else 0 (only the charsets that split are asked).
   */
  public final int byteOrderMarkLength(byte[] head) {
    boolean utf8Mark =
        head.length >= 3
            && head[0] == (byte) 0xEF
            && head[1] == (byte) 0xBB
            && head[2] == (byte) 0xBF;
    return utf8Mark && charset().equals(StandardCharsets.UTF_8) ? 3 : 0;
  }

  final Charset charset() {
    return FileEncoding.charsetNamed(charsetName);
  }

  private static final class Csv extends FileFormat {
    private static final long serialVersionUID = 1L;
    private final CSVFormat format;
    private final boolean containsHeaders;

    Csv(CSVFormat format, boolean containsHeaders, String encoding, String encodingParameter) {
      super(encoding, encodingParameter);
      this.format = Objects.requireNonNull(format, "format");
      this.containsHeaders = containsHeaders;
    }

    @Override
    FileRecordReader open(DecodingReader text, RecordSpan span) throws IOException {
      return new CsvFileReader(
          text, format, containsHeaders && span.holdsFirstUnit(), span.firstNumber(), span.count());
    }

    @Override
    public BoundaryMachine boundaries() {
      return CsvBoundaries.of(format, charset());
    }

    @Override
    public String whyReadWhole() {
      return CsvBoundaries.whyReadWhole(format, charset());
    }
  }

  private static final class JsonLines extends FileFormat {
    private static final long serialVersionUID = 1L;

    JsonLines(String encoding) {
      super(encoding, null);
    }

    @Override
    FileRecordReader open(DecodingReader text, RecordSpan span) {
      return new JsonLinesReader(text, span.firstNumber(), span.count());
    }

    @Override
    public BoundaryMachine boundaries() {
      return SplittableCharsets.splits(charset()) ? LineBoundaries.atLineFeeds() : null;
    }

    @Override
    public String whyReadWhole() {
      return SplittableCharsets.whyReadWhole(charset());
    }
  }

  private static final class TextLines extends FileFormat {
    private static final long serialVersionUID = 1L;

    TextLines(String encoding) {
      super(encoding, null);
    }

    @Override
    FileRecordReader open(DecodingReader text, RecordSpan span) {
      return new TextLinesReader(text, span.firstNumber(), span.count());
    }

    @Override
    public BoundaryMachine boundaries() {
      return SplittableCharsets.splits(charset()) ? LineBoundaries.atAnyLineEnd() : null;
    }

    @Override
    public String whyReadWhole() {
      return SplittableCharsets.whyReadWhole(charset());
    }
  }
}
