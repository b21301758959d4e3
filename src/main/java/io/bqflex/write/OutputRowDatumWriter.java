package io.bqflex.write;

import io.bqflex.core.OutputRow;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * Writes the output rows into FILE_LOADS Avro temporary files ({@link
 * BigQueryAvroSchemas#forLoadFiles}) without a GenericRecord between: the same bytes Avro's generic
 * writer makes of {@link TableRowToAvro}'s record (OutputRowDatumWriterTest), at less cost per row
 * (README, Benchmarks). BigQueryIO opens one per temporary file.
 */
public final class OutputRowDatumWriter implements DatumWriter<OutputRow> {
  private AvroDatumPlan plan;

  @Override
  public void setSchema(Schema schema) {
    plan = AvroDatumPlan.compile(schema);
  }

  @Override
  public void write(OutputRow datum, Encoder out) throws IOException {
    plan.write(datum.row(), out);
  }

  /** BigQueryIO's writer factory ({@code withAvroWriter}): a writer for each file's schema. */
  public static final class Factory
      implements SerializableFunction<Schema, DatumWriter<OutputRow>> {
    private static final long serialVersionUID = 1L;

    @Override
    public DatumWriter<OutputRow> apply(Schema schema) {
      OutputRowDatumWriter writer = new OutputRowDatumWriter();
      writer.setSchema(schema);
      return writer;
    }
  }
}
