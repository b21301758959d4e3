package io.bqflex.read;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Parquet files, read one row group at a time (so a worker holds one row group of a file, not the
 * file), each row as parquet-column's example {@link Group}, which carries the file's schema.
 *
 * <p>A file without a readable footer is one dead letter; a row group that cannot be read or
 * decoded ends the file there, the rows before it standing; a file compressed with a codec this
 * build cannot read (LZO, BROTLI, the old Hadoop LZ4) is refused when it is opened, naming the
 * codec, since none of its rows could be read.
 */
public final class ParquetFiles implements TypedFileFormat<Group> {
  private static final long serialVersionUID = 1L;

  /**
   * The codecs whose decompressors are on the classpath: Parquet's own (Snappy, ZSTD, LZ4_RAW) and
   * Hadoop's pure-Java GZIP. LZO and BROTLI need codec classes Parquet loads by name from libraries
   * with native code (hadoop-lzo, jbrotli) that this jar does not carry; Hadoop's LZ4 needs
   * lz4-java.
   */
  static final Set<CompressionCodecName> READABLE_CODECS =
      EnumSet.of(
          CompressionCodecName.UNCOMPRESSED,
          CompressionCodecName.SNAPPY,
          CompressionCodecName.GZIP,
          CompressionCodecName.ZSTD,
          CompressionCodecName.LZ4_RAW);

  @Override
  public TypedRecordReader<Group> open(SeekableByteChannel channel, String name)
      throws IOException {
    ParquetFileReader file;
    try {
      file = ParquetFileReader.open(new ChannelInputFile(channel, name), readOptions());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw new IOException(
          name + " has no readable Parquet footer (is it a complete Parquet file?): " + e, e);
    }
    try {
      refuseUnreadableCodecs(file, name);
    } catch (IOException e) {
      file.close();
      throw e;
    }
    return new ParquetRowReader(file);
  }

  static ParquetReadOptions readOptions() {
    return ParquetReadOptions.builder().build();
  }

  private static void refuseUnreadableCodecs(ParquetFileReader file, String name)
      throws IOException {
    Set<String> unreadable = new TreeSet<>();
    for (BlockMetaData group : file.getRowGroups()) {
      for (ColumnChunkMetaData column : group.getColumns()) {
        if (!READABLE_CODECS.contains(column.getCodec())) {
          unreadable.add(column.getCodec().name());
        }
      }
    }
    if (!unreadable.isEmpty()) {
      throw new IOException(
          name
              + " is compressed with "
              + String.join(", ", unreadable)
              + ", which this template cannot read (it reads "
              + READABLE_CODECS
              + "): write the file with one of those, for example SNAPPY");
    }
  }

  /** The rows of one open Parquet file, in order, one row group in memory at a time. */
  static final class ParquetRowReader implements TypedRecordReader<Group> {
    private final ParquetFileReader file;
    private final MessageType schema;
    private final MessageColumnIO columns;
    private final int rowGroups;
    private int rowGroup;
    private RecordReader<Group> rows;
    private long rowsLeftInGroup;
    private long number;

    ParquetRowReader(ParquetFileReader file) {
      this.file = file;
      this.schema = file.getFooter().getFileMetaData().getSchema();
      this.columns = new ColumnIOFactory().getColumnIO(schema);
      this.rowGroups = file.getRowGroups().size();
    }

    @Override
    public TypedRecord<Group> next() throws IOException {
      while (rowsLeftInGroup == 0) {
        if (rowGroup == rowGroups) {
          return null;
        }
        rowGroup++;
        PageReadStore pages = readRowGroup();
        if (pages == null) {
          throw new IOException(
              "the footer lists " + rowGroups + " row groups, the file has fewer");
        }
        try {
          // Reads each column's first page already.
          rows = columns.getRecordReader(pages, new GroupRecordConverter(schema));
        } catch (RuntimeException e) {
          throw undecodable(e);
        }
        rowsLeftInGroup = pages.getRowCount();
      }
      Group row;
      try {
        row = rows.read();
      } catch (RuntimeException e) {
        throw undecodable(e);
      }
      rowsLeftInGroup--;
      number++;
      return TypedRecord.readable(row, number);
    }

    /**
     * ParquetDecodingException and the decoders' own exceptions (an index out of bounds, a
     * decompressor's): a page that does not decode ends the file.
     */
    private IOException undecodable(RuntimeException e) {
      return new IOException("could not decode " + position() + ": " + e, e);
    }

    private PageReadStore readRowGroup() throws IOException {
      try {
        return file.readNextRowGroup();
      } catch (RuntimeException e) {
        throw new IOException("could not read " + position() + ": " + e, e);
      }
    }

    @Override
    public String position() {
      return "row group " + Math.max(rowGroup, 1) + " of " + rowGroups;
    }

    @Override
    public byte[] originalBytes(Group row) {
      return ParquetRowFile.of(row);
    }

    @Override
    public String readableText(Group row) {
      return ParquetRowJson.of(row);
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
