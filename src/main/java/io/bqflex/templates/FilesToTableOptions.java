package io.bqflex.templates;

import io.bqflex.write.FileLoadOptions;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * The parameters every Cloud Storage file template has, named as Google's GCS templates name them:
 * the files to read and the table to write.
 */
public interface FilesToTableOptions extends FileLoadOptions {

  @Description("Files to read: a gs:// pattern (a local path in local runs).")
  @Validation.Required
  String getInputFilePattern();

  void setInputFilePattern(String value);

  @Description("Output table: project:dataset.table or project.dataset.table.")
  @Validation.Required
  String getOutputTable();

  void setOutputTable(String value);
}
