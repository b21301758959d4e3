package io.bqflex.read;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.DataSchema;
import io.bqflex.rows.ParquetOptions;
import io.bqflex.rows.ParquetTableSchemas;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;

/**
 * The table schema Parquet input files give a load job without a schema: that of the footer of the
 * alphabetically last file the pattern matches, converted as BigQuery converts Parquet columns.
 */
public final class ParquetDataSchema implements DataSchema {
  private static final long serialVersionUID = 1L;
  private final String pattern;
  private final String parameter;
  private final ParquetOptions options;

  /**
   * @param pattern the files' pattern, the value of {@code parameter}
   * @param options the load options that decide the columns' types
   */
  public ParquetDataSchema(String pattern, String parameter, ParquetOptions options) {
    this.pattern = pattern;
    this.parameter = parameter;
    this.options = options;
  }

  @Override
  public TableSchema read() {
    MatchResult.Metadata last = LastMatchedFile.of(pattern, parameter);
    String file = last.resourceId().toString();
    MessageType footer = footerSchema(last, file);
    try {
      return ParquetTableSchemas.toTableSchema(footer, options);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          parameter,
          "the schema of "
              + file
              + " (the alphabetically last file matching "
              + pattern
              + ", whose schema the table takes) cannot be loaded: "
              + e.getMessage(),
          e);
    }
  }

  private MessageType footerSchema(MatchResult.Metadata last, String file) {
    try (ReadableByteChannel channel = FileSystems.open(last.resourceId())) {
      if (!(channel instanceof SeekableByteChannel seekable)) {
        throw new IOException("its file system cannot seek, and a Parquet footer is at the end");
      }
      try (ParquetFileReader reader =
          ParquetFileReader.open(
              new ChannelInputFile(seekable, file), ParquetFiles.readOptions())) {
        return reader.getFooter().getFileMetaData().getSchema();
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidParameterException(
          parameter,
          "could not read the Parquet footer of "
              + file
              + " (the alphabetically last file matching "
              + pattern
              + ", whose schema the table takes): "
              + e.getMessage()
              + ". Check that it is a complete Parquet file, or give JSONPath=<schema file>",
          e);
    }
  }

  @Override
  public String notReadableHere() {
    return LastMatchedFile.notReadableHere(pattern, parameter);
  }
}
