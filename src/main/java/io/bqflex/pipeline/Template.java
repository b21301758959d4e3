package io.bqflex.pipeline;

import io.bqflex.catalog.CatalogEntry;
import io.bqflex.catalog.MetadataException;
import io.bqflex.catalog.MetadataLoader;
import io.bqflex.catalog.ParameterRule;
import io.bqflex.catalog.TemplateMetadata;
import io.bqflex.core.InvalidParameterException;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;

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

  /** What the catalog's commands know of the template, without building its pipeline. */
  default CatalogEntry catalogEntry() {
    return new CatalogEntry(id(), getClass().getName(), metadata(), parameterRules());
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
