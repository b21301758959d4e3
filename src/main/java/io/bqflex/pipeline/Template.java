package io.bqflex.pipeline;

import io.bqflex.catalog.CatalogEntry;
import io.bqflex.catalog.LaunchChecks;
import io.bqflex.catalog.MetadataException;
import io.bqflex.catalog.MetadataLoader;
import io.bqflex.catalog.ParameterRule;
import io.bqflex.catalog.TemplateMetadata;
import io.bqflex.core.InvalidParameterException;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * One catalog entry's pipeline: which reader, which payload format and which writer it uses. Its
 * parameters are described by {@code metadata/<id>.json}; its options interface must agree with
 * that file (a test checks).
 */
public interface Template<O extends PipelineOptions> {

  /** The kebab-case id: the metadata file's name, the templates/ folder, the image, the spec. */
  String id();

  Class<O> optionsClass();

  /**
   * Adds the template's transforms to {@code pipeline}. Parameters that passed the metadata's
   * checks but cannot work throw {@link InvalidParameterException} here, before any job starts.
   */
  void build(Pipeline pipeline, O options);

  /** The BigQuery tables the job writes: the output table, then the dead-letter table. */
  List<String> outputTables(O options);

  /** Rules over several parameters that the metadata cannot state; checked with it at launch. */
  default List<ParameterRule> parameterRules() {
    return List.of();
  }

  /** How far {@link #preflight} may reach. */
  enum Reach {
    /**
     * The catalog's commands on a user's machine: files are read only from local paths, no table is
     * looked up; what needs Google Cloud is left to the launch.
     */
    OFFLINE,
    /**
     * The launcher and a local run: the schema is read wherever it is, and the output table is
     * looked up through the BigQuery services the write uses.
     */
    LAUNCH
  }

  /**
   * What the parameters ask that their schema or the existing output table refuses, found without
   * building the pipeline: one line per problem. Run before {@link #build}, so a launch refused
   * here starts nothing.
   */
  default LaunchChecks.Findings preflight(O options, Reach reach) {
    return LaunchChecks.Findings.NONE;
  }

  /** What the catalog's commands know of the template, without building its pipeline. */
  default CatalogEntry catalogEntry() {
    return new CatalogEntry(
        id(),
        getClass().getName(),
        metadata(),
        parameterRules(),
        parameters -> {
          O options;
          try {
            options = PipelineOptionsFactory.fromArgs(asArgs(parameters)).as(optionsClass());
          } catch (IllegalArgumentException e) {
            return LaunchChecks.Findings.NONE; // the metadata's checks are the ones to read
          }
          return preflight(options, Reach.OFFLINE);
        });
  }

  /** {@code --name=value} for each parameter. */
  private static String[] asArgs(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(p -> "--" + p.getKey() + "=" + p.getValue())
        .toArray(String[]::new);
  }

  /** The template's metadata as packaged in the jar. */
  default TemplateMetadata metadata() {
    try {
      return MetadataLoader.loadResource(id());
    } catch (MetadataException e) {
      // The build's tests load every metadata file: reaching this is a packaging bug.
      throw new IllegalStateException("the jar's metadata of " + id() + " is invalid: " + e, e);
    }
  }
}
