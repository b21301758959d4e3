package io.bqflex.catalog;

/**
 * Dataflow's {@code ParameterType} (API v1b3), in the API's own order. The Console picks its input
 * widget from it; the names are the JSON values of {@code paramType}.
 */
public enum ParameterType {
  DEFAULT,
  TEXT,
  GCS_READ_BUCKET,
  GCS_WRITE_BUCKET,
  GCS_READ_FILE,
  GCS_WRITE_FILE,
  GCS_READ_FOLDER,
  GCS_WRITE_FOLDER,
  PUBSUB_TOPIC,
  PUBSUB_SUBSCRIPTION,
  BIGQUERY_TABLE,
  JAVASCRIPT_UDF_FILE,
  SERVICE_ACCOUNT,
  MACHINE_TYPE,
  KMS_KEY_NAME,
  WORKER_REGION,
  WORKER_ZONE,
  BOOLEAN,
  ENUM,
  NUMBER,
  /** Deprecated by Dataflow in favour of {@link #KAFKA_READ_TOPIC}; still accepted by the API. */
  KAFKA_TOPIC,
  KAFKA_READ_TOPIC,
  KAFKA_WRITE_TOPIC;

  /** The names joined by ", ", for messages that list what is allowed. */
  static String allNames() {
    StringBuilder names = new StringBuilder();
    for (ParameterType type : values()) {
      if (names.length() > 0) {
        names.append(", ");
      }
      names.append(type.name());
    }
    return names.toString();
  }
}
