package io.bqflex.read;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.rows.AvroTableSchemas;
import io.bqflex.rows.DataSchema;
import io.bqflex.rows.DecimalTargetTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The table schema of Avro files when {@code JSONPath} is not given: the writer schema of the
 * alphabetically last file the pattern matches, converted as a load job converts it (logical types
 * on). Needs Beam's file systems registered for the pattern's scheme.
 */
public final class AvroFileSchema implements DataSchema {
  private static final long serialVersionUID = 1L;

  /** The file a schema came from, and its Avro writer schema. */
  public record WriterSchema(String file, Schema schema) {}

  private final String pattern;
  private final String parameter;
  private final String decimalTargetTypes;
  private transient WriterSchema last;

  /**
   * @param pattern the files' pattern, the value of {@code parameter}
   * @param decimalTargetTypes the template's {@code decimalTargetTypes}, checked when the schema is
   *     read
   */
  public AvroFileSchema(String pattern, String parameter, String decimalTargetTypes) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.parameter = Objects.requireNonNull(parameter, "parameter");
    this.decimalTargetTypes = decimalTargetTypes;
  }

  @Override
  public TableSchema read() {
    DecimalTargetTypes decimals =
        DecimalTargetTypes.parse(decimalTargetTypes, "decimalTargetTypes");
    WriterSchema writer = lastFile();
    try {
      return AvroTableSchemas.toTableSchema(writer.schema(), decimals);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          parameter,
          "the Avro schema of "
              + writer.file()
              + " (the alphabetically last file, whose schema the table takes) cannot be loaded"
              + " into BigQuery: "
              + e.getMessage()
              + ". Fix the file's schema, or give JSONPath=<schema file> to load the fields it"
              + " names",
          e);
    }
  }

  /**
   * The alphabetically last matched file and its writer schema, read once.
   *
   * @throws InvalidParameterException naming the pattern's parameter when nothing matches or the
   *     file is not an Avro file of records
   */
  public WriterSchema lastFile() {
    if (last == null) {
      MatchResult.Metadata file = LastMatchedFile.of(pattern, parameter);
      last = new WriterSchema(file.resourceId().toString(), writerSchemaOf(file));
    }
    return last;
  }

  private Schema writerSchemaOf(MatchResult.Metadata file) {
    String name = file.resourceId().toString();
    Schema schema;
    try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()));
        DataFileStream<GenericRecord> header =
            new DataFileStream<>(in, new GenericDatumReader<>())) {
      schema = header.getSchema();
    } catch (IOException | RuntimeException e) {
      throw new InvalidParameterException(
          parameter,
          "could not read the Avro schema of "
              + name
              + ", the alphabetically last file matching "
              + pattern
              + " ("
              + e.getMessage()
              + "): the pattern must match Avro object container files",
          e);
    }
    if (schema.getType() != Schema.Type.RECORD) {
      throw new InvalidParameterException(
          parameter,
          "the Avro schema of "
              + name
              + " is a "
              + schema.getType().getName()
              + ", not a record: BigQuery loads Avro files whose records are rows");
    }
    return schema;
  }

  @Override
  public String notReadableHere() {
    return LastMatchedFile.notReadableHere(pattern, parameter);
  }
}
