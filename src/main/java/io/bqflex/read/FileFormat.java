package io.bqflex.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
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

  /** A reader of the records in {@code bytes}, which it closes. */
  public final FileRecordReader open(InputStream bytes) throws IOException {
    return open(
        new DecodingReader(bytes, FileEncoding.charsetNamed(charsetName), encodingParameter));
  }

  abstract FileRecordReader open(DecodingReader text) throws IOException;

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
    FileRecordReader open(DecodingReader text) throws IOException {
      return new CsvFileReader(text, format, containsHeaders);
    }
  }

  private static final class JsonLines extends FileFormat {
    private static final long serialVersionUID = 1L;

    JsonLines(String encoding) {
      super(encoding, null);
    }

    @Override
    FileRecordReader open(DecodingReader text) {
      return new JsonLinesReader(text);
    }
  }

  private static final class TextLines extends FileFormat {
    private static final long serialVersionUID = 1L;

    TextLines(String encoding) {
      super(encoding, null);
    }

    @Override
    FileRecordReader open(DecodingReader text) {
      return new TextLinesReader(text);
    }
  }
}
