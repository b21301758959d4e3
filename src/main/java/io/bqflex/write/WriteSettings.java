package io.bqflex.write;

import com.google.api.services.bigquery.model.Clustering;
import com.google.api.services.bigquery.model.TimePartitioning;
import io.bqflex.pipeline.InvalidParameterException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Everything the BigQuery writer needs, resolved from the launch parameters once, while the
 * pipeline is built: a bad combination fails the launch, not the job.
 */
public record WriteSettings(
    String table,
    String deadLetterTable,
    String schemaJson,
    Method method,
    boolean streaming,
    CreateDisposition createDisposition,
    WriteDisposition writeDisposition,
    boolean ignoreUnknownValues,
    String partitioningField,
    String partitioningType,
    List<String> clusteringFields,
    String loadTempDirectory,
    int triggeringFrequencySeconds,
    int numStreams)
    implements Serializable {

  private static final Set<String> PARTITIONING_TYPES = Set.of("HOUR", "DAY", "MONTH", "YEAR");

  /** Streaming writes commit at least this often unless the user says otherwise. */
  static final int DEFAULT_TRIGGERING_FREQUENCY_SECONDS = 5;

  /**
   * The settings for writing to {@code table} (the value of the template's own output-table
   * parameter) with {@code schemaJson}.
   */
  public static WriteSettings of(BigQueryOutputOptions options, String table, String schemaJson) {
    String deadLetter = options.getOutputDeadletterTable();
    Integer frequency = options.getStorageWriteApiTriggeringFrequencySec();
    Integer streams = options.getNumStorageWriteApiStreams();
    return new WriteSettings(
        table,
        deadLetter == null || deadLetter.isBlank() ? DeadLetterTable.defaultFor(table) : deadLetter,
        schemaJson,
        WriteMethods.choose(options),
        options.as(StreamingOptions.class).isStreaming(),
        options.getCreateDisposition(),
        options.getWriteDisposition(),
        Boolean.TRUE.equals(options.getIgnoreUnknownValues()),
        blankToNull(options.getTimePartitioningField()),
        partitioningType(options.getTimePartitioningType()),
        clusteringFields(options.getClusteringFields()),
        // Only batch templates declare it; elsewhere it reads as unset.
        blankToNull(options.as(FileLoadOptions.class).getBigQueryLoadingTemporaryDirectory()),
        frequency == null || frequency <= 0 ? DEFAULT_TRIGGERING_FREQUENCY_SECONDS : frequency,
        streams == null ? 0 : streams);
  }

  /**
   * The tables a template writes for the output-table value {@code table}: that table, then its
   * dead-letter table.
   */
  public static List<String> outputTables(BigQueryOutputOptions options, String table) {
    WriteSettings settings = of(options, table, null);
    return List.of(settings.table(), settings.deadLetterTable());
  }

  TimePartitioning timePartitioning() {
    return partitioningField == null
        ? null
        : new TimePartitioning().setField(partitioningField).setType(partitioningType);
  }

  Clustering clustering() {
    return clusteringFields.isEmpty() ? null : new Clustering().setFields(clusteringFields);
  }

  boolean usesStorageWriteApi() {
    return method == Method.STORAGE_WRITE_API || method == Method.STORAGE_API_AT_LEAST_ONCE;
  }

  private static String partitioningType(String value) {
    String type = value == null || value.isBlank() ? "DAY" : value.trim().toUpperCase();
    if (!PARTITIONING_TYPES.contains(type)) {
      throw new InvalidParameterException(
          "timePartitioningType", "'" + value + "' is not one of HOUR, DAY, MONTH, YEAR");
    }
    return type;
  }

  private static List<String> clusteringFields(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> fields =
        Arrays.stream(value.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList();
    if (fields.size() > 4) {
      throw new InvalidParameterException(
          "clusteringFields", "BigQuery clusters by at most 4 columns, got " + fields.size());
    }
    return fields;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
