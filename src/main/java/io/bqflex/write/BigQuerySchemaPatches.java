package io.bqflex.write;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.services.bigquery.Bigquery;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.auth.Credentials;
import com.google.auth.http.HttpCredentialsAdapter;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.auth.NullCredentialInitializer;
import org.apache.beam.sdk.extensions.gcp.util.RetryHttpRequestInitializer;
import org.apache.beam.sdk.extensions.gcp.util.Transport;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;

/**
 * Schema patches on BigQuery, with the client Beam's own services use, built as Beam builds it
 * (credentials of the pipeline options, retries of 5xx and 429 answers, the options' endpoint). A
 * replacement carries the etag it was read with ({@code If-Match}), so a table someone changed in
 * between is not overwritten: BigQuery answers 412 and the caller reads it again.
 */
final class BigQuerySchemaPatches implements TableSchemaPatches {
  private static final int NOT_FOUND = 404;
  private static final int CONFLICT = 409;
  private static final int PRECONDITION_FAILED = 412;

  private final Bigquery client;

  BigQuerySchemaPatches(BigQueryOptions options) {
    Credentials credentials = options.getGcpCredential();
    HttpRequestInitializer authorization =
        credentials == null
            ? new NullCredentialInitializer()
            : new HttpCredentialsAdapter(credentials);
    // 404, 409 and 412 are answers here, not failures: not logged, not retried.
    HttpRequestInitializer retries =
        new RetryHttpRequestInitializer(List.of(NOT_FOUND, CONFLICT, PRECONDITION_FAILED));
    Bigquery.Builder builder =
        new Bigquery.Builder(
                Transport.getTransport(),
                Transport.getJsonFactory(),
                request -> {
                  authorization.initialize(request);
                  retries.initialize(request);
                })
            .setApplicationName(options.getAppName());
    String endpoint = options.getBigQueryEndpoint();
    if (endpoint != null && !endpoint.isBlank()) {
      builder.setRootUrl(endpoint);
    }
    this.client = builder.build();
  }

  @Override
  public Table table(TableReference ref) throws IOException {
    try {
      return client
          .tables()
          .get(ref.getProjectId(), ref.getDatasetId(), ref.getTableId())
          .execute();
    } catch (GoogleJsonResponseException e) {
      if (e.getStatusCode() == NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public boolean replaceSchema(TableReference ref, TableSchema schema, String etag)
      throws IOException {
    Bigquery.Tables.Patch patch =
        client
            .tables()
            .patch(
                ref.getProjectId(),
                ref.getDatasetId(),
                ref.getTableId(),
                new Table().setSchema(schema));
    if (etag != null) {
      patch.getRequestHeaders().setIfMatch(etag);
    }
    try {
      patch.execute();
      return true;
    } catch (GoogleJsonResponseException e) {
      if (e.getStatusCode() == PRECONDITION_FAILED) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean createTable(Table table) throws IOException {
    TableReference ref = table.getTableReference();
    try {
      client.tables().insert(ref.getProjectId(), ref.getDatasetId(), table).execute();
      return true;
    } catch (GoogleJsonResponseException e) {
      if (e.getStatusCode() == CONFLICT) {
        return false;
      }
      throw e;
    }
  }
}
