package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.catalog.LaunchChecks;
import io.bqflex.catalog.ParameterRule;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.core.RowEnricher;
import io.bqflex.pipeline.ApplyUdf;
import io.bqflex.pipeline.ConvertRecords;
import io.bqflex.pipeline.FollowedFormat;
import io.bqflex.pipeline.HoldForNewColumns;
import io.bqflex.pipeline.Template;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.read.MessageMetadataColumns;
import io.bqflex.read.ReadPubsubRecords;
import io.bqflex.rows.JsonPayloadFormat;
import io.bqflex.rows.JsonRowConverter;
import io.bqflex.rows.PayloadFormat;
import io.bqflex.udf.UdfOptions;
import io.bqflex.write.AutoMapOptions;
import io.bqflex.write.FollowedTableSchema;
import io.bqflex.write.OutputSchema;
import io.bqflex.write.OutputTable;
import io.bqflex.write.SchemaPatchesSource;
import io.bqflex.write.SchemaRefreshOptions;
import io.bqflex.write.WriteSettings;
import io.bqflex.write.WriteWithDeadLetters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * JSON messages from Pub/Sub → BigQuery, streaming. The write method follows the job's streaming
 * mode (see {@code WriteMethods}): exactly-once jobs write with the Storage Write API's committed
 * streams, at-least-once jobs with its default stream.
 */
public final class PubsubToBigQuery implements Template<PubsubToBigQuery.Options> {
  public static final String ID = "pubsub-to-bigquery";

  /**
   * The template's parameters, named as Google's {@code PubSub_to_BigQuery_Flex} names them: see
   * metadata/pubsub-to-bigquery.json.
   */
  public interface Options extends UdfOptions, SchemaRefreshOptions, AutoMapOptions {
    @Description("Subscription to read: projects/PROJECT/subscriptions/NAME.")
    String getInputSubscription();

    void setInputSubscription(String value);

    @Description(
        "Topic to read through a subscription of the job's own: projects/PROJECT/topics/NAME.")
    String getInputTopic();

    void setInputTopic(String value);

    @Description("Output table: project:dataset.table or project.dataset.table.")
    @Validation.Required
    String getOutputTableSpec();

    void setOutputTableSpec(String value);

    @Description("STRING column for the message id.")
    String getMessageIdColumn();

    void setMessageIdColumn(String value);

    @Description("TIMESTAMP column for the publish time.")
    String getPublishTimeColumn();

    void setPublishTimeColumn(String value);

    @Description("Column for the attributes: REPEATED RECORD<key, value>, JSON or STRING.")
    String getAttributesColumn();

    void setAttributesColumn(String value);
  }

  public static void main(String[] args) {
    TemplateLauncher.main(new PubsubToBigQuery(), args);
  }

  @Override
  public List<ParameterRule> parameterRules() {
    return List.of(ParameterRule.exactlyOneOf("inputSubscription", "inputTopic"));
  }

  @Override
  public void build(Pipeline pipeline, Options options) {
    asLaunched(options);
    OutputTable output =
        OutputTable.resolveAllowingTablesOwnSchemas(
            options, "outputTableSpec", options.getOutputTableSpec());
    if (output.settings().tablesGiveSchemas()) {
      buildForTablesOwnSchemas(pipeline, options, output.settings());
      return;
    }
    MessageMetadataColumns metadataColumns = metadataColumns(options, output.schema());
    MessageFormats formats = new MessageFormats(options);
    PayloadFormat messages = formats.apply(output.schema());
    WriteSettings settings = output.settings();
    FollowedTableSchema followed =
        settings.followsTableSchema() ? FollowedTableSchema.of(options, settings) : null;
    ConvertRecords convert =
        followed != null
            ? ConvertRecords.with(new FollowedFormat(followed, formats, messages))
            : ConvertRecords.with(messages);
    PCollectionTuple records =
        pipeline
            .apply("ReadPubsub", reader(options))
            .apply("ApplyUdf", ApplyUdf.of(Udfs.specOf(options), messages));
    if (settings.mapsNewFields()) {
      records =
          records.apply(
              "AddColumnsForNewFields",
              HoldForNewColumns.forTable(
                  followed, messages, settings, SchemaPatchesSource.of(options)));
    }
    records
        .apply(
            "ConvertRecords",
            convert.enrichedBy(WriterRowChecks.checkedAfter(metadataColumns, settings)))
        .apply("WriteToBigQuery", new WriteWithDeadLetters(settings));
  }

  /**
   * Routed messages without {@code JSONPath}: each converted against the schema of the table its
   * own fields (or attributes) name ({@link ConvertRecords#perTable}), and written to that table;
   * with {@code autoMapTables}, a message with fields its table lacks waits while the table gains
   * them ({@link HoldForNewColumns#forRoutedTables}).
   */
  private static void buildForTablesOwnSchemas(
      Pipeline pipeline, Options options, WriteSettings settings) {
    refuseMetadataColumnsWithoutSchema(options);
    MessageFormats formats = new MessageFormats(options);
    PayloadFormat schemaless = ConvertRecords.withoutSchema(formats);
    PCollectionTuple records =
        pipeline
            .apply("ReadPubsub", reader(options))
            .apply("ApplyUdf", ApplyUdf.of(Udfs.specOf(options), schemaless));
    if (settings.mapsNewFields()) {
      records =
          records.apply(
              "AddColumnsForNewFields",
              HoldForNewColumns.forRoutedTables(
                  schemaless, settings, SchemaPatchesSource.of(options)));
    }
    records
        .apply(
            "ConvertRecords",
            ConvertRecords.perTable(settings.routing(), settings.formatsForTables(formats))
                .enrichedBy(WriterRowChecks.checkedAfter(RowEnricher.NONE, settings)))
        .apply("WriteToBigQuery", new WriteWithDeadLetters(settings));
  }

  /**
   * The message's metadata columns are checked against, and left out of, the one schema the
   * messages are converted against: where each table's own schema converts its rows, there is none.
   *
   * @throws InvalidParameterException naming the first metadata column parameter given
   */
  private static void refuseMetadataColumnsWithoutSchema(Options options) {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("messageIdColumn", options.getMessageIdColumn());
    columns.put("publishTimeColumn", options.getPublishTimeColumn());
    columns.put("attributesColumn", options.getAttributesColumn());
    for (Map.Entry<String, String> column : columns.entrySet()) {
      if (column.getValue() != null && !column.getValue().isBlank()) {
        throw new InvalidParameterException(
            column.getKey(),
            "needs JSONPath when a template names the rows' tables: without it each table's own"
                + " schema converts its rows, and the metadata columns are known only in one"
                + " schema");
      }
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  @Override
  public LaunchChecks.Findings preflight(Options options, Reach reach) {
    asLaunched(options);
    LaunchChecks.Findings findings =
        OutputPreflight.of(
            options,
            "outputTableSpec",
            options.getOutputTableSpec(),
            null,
            true,
            reach,
            schema -> metadataColumns(options, schema));
    if (!OutputSchema.tablesGiveSchemas(options, null)) {
      return findings;
    }
    try {
      refuseMetadataColumnsWithoutSchema(options);
      return findings;
    } catch (InvalidParameterException e) {
      List<String> problems = new ArrayList<>(findings.problems());
      problems.add(e.getMessage());
      return new LaunchChecks.Findings(problems, findings.leftToLaunch());
    }
  }

  @Override
  public List<String> outputTables(Options options) {
    asLaunched(options);
    return WriteSettings.outputTables(options, "outputTableSpec", options.getOutputTableSpec());
  }

  /**
   * The Flex launcher starts a streaming job from the metadata: the pipeline, its checks and its
   * write method must agree.
   */
  private static void asLaunched(Options options) {
    options.setStreaming(true);
  }

  private static ReadPubsubRecords reader(Options options) {
    String subscription = options.getInputSubscription();
    return subscription != null && !subscription.isEmpty()
        ? ReadPubsubRecords.fromSubscription(subscription)
        : ReadPubsubRecords.fromTopic(options.getInputTopic());
  }

  private static MessageMetadataColumns metadataColumns(Options options, TableSchema schema) {
    return MessageMetadataColumns.of(
        schema,
        options.getMessageIdColumn(),
        options.getPublishTimeColumn(),
        options.getAttributesColumn());
  }

  /**
   * The format of the messages' JSON for a table schema: its columns less those filled from the
   * message itself. Serializable (the options are not), for a job that follows its table's schema.
   */
  private static final class MessageFormats
      implements SerializableFunction<TableSchema, PayloadFormat> {
    private static final long serialVersionUID = 1L;

    private final String messageIdColumn;
    private final String publishTimeColumn;
    private final String attributesColumn;
    private final boolean ignoreUnknownValues;

    MessageFormats(Options options) {
      messageIdColumn = options.getMessageIdColumn();
      publishTimeColumn = options.getPublishTimeColumn();
      attributesColumn = options.getAttributesColumn();
      ignoreUnknownValues = Boolean.TRUE.equals(options.getIgnoreUnknownValues());
    }

    @Override
    public PayloadFormat apply(TableSchema schema) {
      TableSchema payload =
          MessageMetadataColumns.of(schema, messageIdColumn, publishTimeColumn, attributesColumn)
              .payloadSchema(schema);
      return new JsonPayloadFormat(new JsonRowConverter(payload, ignoreUnknownValues));
    }
  }
}
