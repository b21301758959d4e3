package io.bqflex.read;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro object container files, read through Beam's seekable channel. Every codec Avro's Java
 * library knows is read: null, deflate, snappy, bzip2, xz and zstandard.
 *
 * <p>When the table's schema is an Avro file's writer schema (a load job's schema of the
 * alphabetically last file), every file is read through Avro's schema resolution into that schema,
 * as BigQuery asks of the other files; a file whose writer schema does not resolve has each of its
 * records dead-lettered (read as written, so the dead letter holds the record) with the
 * differences. When the table's schema is given ({@code JSONPath}), records are read as written and
 * the converter checks them.
 */
public final class AvroFiles implements TypedFileFormat<GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final String tableSchemaJson;
  private final String tableSchemaSource;
  private transient Schema tableSchema;

  private AvroFiles(String tableSchemaJson, String tableSchemaSource) {
    this.tableSchemaJson = tableSchemaJson;
    this.tableSchemaSource = tableSchemaSource;
  }

  /** Records as their files' writer schemas have them. */
  public static AvroFiles asWritten() {
    return new AvroFiles(null, null);
  }

  /**
   * Records resolved into {@code tableSchema}, the writer schema of the file {@code source}.
   *
   * @param source the file the schema comes from, for the messages of files that do not resolve
   */
  public static AvroFiles resolvedTo(Schema tableSchema, String source) {
    return new AvroFiles(
        Objects.requireNonNull(tableSchema, "tableSchema").toString(),
        Objects.requireNonNull(source, "source"));
  }

  @Override
  public TypedRecordReader<GenericRecord> open(SeekableByteChannel channel, String name)
      throws IOException {
    GenericDatumReader<GenericRecord> datums = new GenericDatumReader<>();
    ChannelInput input = new ChannelInput(channel);
    long length = input.length();
    DataFileReader<GenericRecord> file;
    try {
      file = new DataFileReader<>(input, datums);
    } catch (IOException | RuntimeException e) {
      // Not Avro, a header cut short, a schema Avro cannot parse or a codec it does not know.
      throw new IOException(name + " has no readable Avro header: " + e.getMessage(), e);
    }
    Schema writer = file.getSchema();
    if (writer.getType() != Schema.Type.RECORD) {
      file.close();
      throw new IOException(
          name
              + "'s Avro schema is a "
              + writer.getType().getName()
              + ", not a record: BigQuery loads Avro files whose records are rows");
    }
    String unresolved = null;
    Schema table = tableSchema();
    if (table != null && !table.equals(writer)) {
      SchemaPairCompatibility pair =
          SchemaCompatibility.checkReaderWriterCompatibility(table, writer);
      if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
        datums.setExpected(table);
      } else {
        unresolved = differences(name, pair);
      }
    }
    return new AvroRecordReader(file, input, name, length, unresolved);
  }

  private Schema tableSchema() {
    if (tableSchema == null && tableSchemaJson != null) {
      tableSchema = new Schema.Parser().parse(tableSchemaJson);
    }
    return tableSchema;
  }

  private String differences(String name, SchemaPairCompatibility pair) {
    String each =
        pair.getResult().getIncompatibilities().stream()
            .map(
                i ->
                    i.getType().name().toLowerCase().replace('_', ' ')
                        + " at "
                        + i.getLocation()
                        + " ("
                        + i.getMessage()
                        + ")")
            .collect(Collectors.joining("; "));
    return "the writer schema of "
        + name
        + " does not resolve against the table's schema (the writer schema of "
        + tableSchemaSource
        + ", the alphabetically last file) by Avro's schema resolution: "
        + each
        + ". Write the file with a schema that resolves, or give JSONPath=<schema file>";
  }
}
