package io.bqflex.rows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes groups to a real Parquet file with parquet-hadoop's example writer and reads them back
 * with the library's record reader, so tests convert what the library writes and reads.
 */
final class ParquetTestFiles {
  private ParquetTestFiles() {}

  static MessageType schema(String text) {
    return MessageTypeParser.parseMessageType(text);
  }

  static Group newGroup(MessageType schema) {
    return new SimpleGroupFactory(schema).newGroup();
  }

  /** Writes {@code groups} to {@code file} and returns what reading the file gives. */
  static List<Group> writeAndRead(Path file, MessageType schema, List<Group> groups)
      throws IOException {
    write(file, schema, groups);
    return read(file);
  }

  static void write(Path file, MessageType schema, List<Group> groups) throws IOException {
    try (var writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
      for (Group group : groups) {
        writer.write(group);
      }
    }
  }

  static List<Group> read(Path file) throws IOException {
    List<Group> groups = new ArrayList<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(new LocalInputFile(file), ParquetReadOptions.builder().build())) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO columns = new ColumnIOFactory().getColumnIO(schema);
      for (PageReadStore rowGroup = reader.readNextRowGroup();
          rowGroup != null;
          rowGroup = reader.readNextRowGroup()) {
        RecordReader<Group> records =
            columns.getRecordReader(rowGroup, new GroupRecordConverter(schema));
        for (long i = 0; i < rowGroup.getRowCount(); i++) {
          groups.add(records.read());
        }
      }
    }
    return groups;
  }
}
