package io.bqflex.pipeline;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.write.FollowedTableSchema;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payload format for the output table's schema as the running job follows it: made again
 * whenever {@link FollowedTableSchema} gives a new schema. A schema the template cannot convert
 * against (someone dropped a column the job fills from the message) keeps the format it had, with a
 * warning, so the job goes on as launched.
 */
public final class FollowedFormat implements PayloadFormat.Source {
  private static final long serialVersionUID = 1L;

  private static final Logger LOG = LoggerFactory.getLogger(FollowedFormat.class);

  private final FollowedTableSchema schema;
  private final SerializableFunction<TableSchema, PayloadFormat> formatFor;
  private final PayloadFormat launched;

  private transient TableSchema formatSchema;
  private transient PayloadFormat format;

  /**
   * @param launched the format for the schema the job was launched with
   * @param formatFor the format for a schema read from the table
   */
  public FollowedFormat(
      FollowedTableSchema schema,
      SerializableFunction<TableSchema, PayloadFormat> formatFor,
      PayloadFormat launched) {
    this.schema = schema;
    this.formatFor = formatFor;
    this.launched = launched;
  }

  @Override
  public PayloadFormat current() {
    TableSchema now = schema.schema();
    if (format == null || now != formatSchema) {
      formatSchema = now;
      try {
        format = formatFor.apply(now);
      } catch (RuntimeException e) {
        LOG.warn(
            "The output table's schema changed in a way the job cannot convert against ({});"
                + " converting against the schema it had",
            e.getMessage());
        if (format == null) {
          format = launched;
        }
      }
    }
    return format;
  }
}
