package io.bqflex.templates;

import com.google.api.services.bigquery.model.TableSchema;
import io.bqflex.catalog.LaunchChecks;
import io.bqflex.core.InvalidParameterException;
import io.bqflex.pipeline.Template;
import io.bqflex.rows.DataSchema;
import io.bqflex.write.NameTemplate;
import io.bqflex.write.WriteSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Cloud Storage file templates answer alike, outside their pipeline: they write {@code
 * outputTable}, in a schema their format must be able to read. Each template's class still builds
 * its own pipeline.
 */
interface FileTemplate<O extends FilesToTableOptions> extends Template<O> {

  /**
   * What the template asks of the schema beyond the writer's checks, for example that its converter
   * can be built for it.
   *
   * @throws io.bqflex.core.InvalidParameterException naming the parameter at fault
   */
  void checkSchema(O options, TableSchema schema);

  /**
   * The schema the input files carry, used when {@code JSONPath} is not given; null (the default)
   * for formats that carry none, whose schema is then the existing table's.
   */
  default DataSchema dataSchema(O options) {
    return null;
  }

  /**
   * Whether the template's records name their fields (JSON), so that rows routed without {@code
   * JSONPath} take each table's own schema; false (the default) where they need {@code JSONPath}.
   */
  default boolean tablesMayGiveSchemas() {
    return false;
  }

  @Override
  default LaunchChecks.Findings preflight(O options, Reach reach) {
    LaunchChecks.Findings output =
        OutputPreflight.of(
            options,
            "outputTable",
            options.getOutputTable(),
            dataSchema(options),
            tablesMayGiveSchemas(),
            reach,
            schema -> checkSchema(options, schema));
    // Needs no schema: refused also where the schema is read only at launch.
    try {
      refuseAttributes(options);
      return output;
    } catch (InvalidParameterException e) {
      if (output.problems().contains(e.getMessage())) {
        return output; // a template that does not parse, refused already
      }
      List<String> problems = new ArrayList<>(output.problems());
      problems.add(e.getMessage());
      return new LaunchChecks.Findings(problems, output.leftToLaunch());
    }
  }

  /**
   * Files have no message attributes: a table or dataset name that takes one could never be formed.
   *
   * @throws InvalidParameterException naming the template's parameter
   */
  private static void refuseAttributes(FilesToTableOptions options) {
    String tables = options.getOutputTableNameTemplate();
    String datasets = options.getOutputDatasetTemplate();
    for (NameTemplate template :
        new NameTemplate[] {
          tables == null || tables.isBlank() ? null : NameTemplate.forTables(tables),
          datasets == null || datasets.isBlank() ? null : NameTemplate.forDatasets(datasets)
        }) {
      if (template != null && template.readsAttributes()) {
        throw new InvalidParameterException(
            template.parameter(),
            "'"
                + template.text()
                + "' takes a message attribute, and files have none; name the "
                + (template.parameter().equals(NameTemplate.TABLES_PARAMETER)
                    ? "tables"
                    : "datasets")
                + " from columns");
      }
    }
  }

  @Override
  default List<String> outputTables(O options) {
    return WriteSettings.outputTables(options, "outputTable", options.getOutputTable());
  }
}
