package io.bqflex.udf;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Google's JavaScript UDF parameters, with Google's names, so existing UDF launches carry over. */
public interface UdfOptions extends PipelineOptions {

  @Description("JavaScript file (or pattern of files) holding the UDF.")
  String getJavascriptTextTransformGcsPath();

  void setJavascriptTextTransformGcsPath(String value);

  @Description("Name of the JavaScript function to call for each record.")
  String getJavascriptTextTransformFunctionName();

  void setJavascriptTextTransformFunctionName(String value);

  @Description("Minutes between checks for a changed UDF file; 0 never reloads.")
  @Default.Integer(0)
  Integer getJavascriptTextTransformReloadIntervalMinutes();

  void setJavascriptTextTransformReloadIntervalMinutes(Integer value);
}
