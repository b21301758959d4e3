package io.bqflex.pipeline;

import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.catalog.ParameterValidator;
import io.bqflex.catalog.TemplateMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * What every template's {@code main} does in the Flex Template launcher: check the launch
 * parameters against the template's metadata, build the pipeline, submit it and return.
 */
public final class TemplateLauncher {
  /** Exit status of a launch refused for its parameters. */
  public static final int INVALID_PARAMETERS = 2;

  private TemplateLauncher() {}

  /**
   * The body of a template's {@code main}: prints what is wrong and exits non-zero on a bad launch.
   */
  public static void main(Template<?> template, String[] args) {
    try {
      launch(template, args);
    } catch (IllegalArgumentException e) { // also ParameterValidationException
      System.err.println("bqflex: cannot launch " + template.id() + ":");
      System.err.println(e.getMessage());
      System.exit(INVALID_PARAMETERS);
    }
  }

  /** Validates, builds and submits the pipeline; does not wait for the job. */
  public static <O extends PipelineOptions> PipelineResult launch(
      Template<O> template, String[] args) throws ParameterValidationException {
    return launch(template, options(template, args));
  }

  /**
   * Checks {@code options} against the schema and the existing output table, then builds and
   * submits the pipeline; does not wait for the job.
   *
   * @throws ParameterValidationException with one line per problem, before anything starts
   */
  public static <O extends PipelineOptions> PipelineResult launch(Template<O> template, O options)
      throws ParameterValidationException {
    // Also registers the filesystems the options name (gs://), which the checks read from.
    Pipeline pipeline = Pipeline.create(options);
    List<String> problems = template.preflight(options, Template.Reach.LAUNCH).problems();
    if (!problems.isEmpty()) {
      throw new ParameterValidationException(problems);
    }
    template.build(pipeline, options);
    // For a Dataflow Flex Template, do NOT call waitUntilFinish(): the launcher would time out.
    return pipeline.run();
  }

  /**
   * The template's options from {@code --name=value} arguments, after checking every argument
   * against the metadata. Beam's and Dataflow's own options (project, region, tempLocation, ...)
   * pass through.
   */
  public static <O extends PipelineOptions> O options(Template<O> template, String[] args)
      throws ParameterValidationException {
    TemplateMetadata metadata = template.metadata();
    List<String> problems = new ArrayList<>();
    Map<String, String> parameters = parameters(args, problems);
    problems.addAll(
        ParameterValidator.problems(
            metadata, template.parameterRules(), parameters, ParameterValidator.beamOptionNames()));
    if (!problems.isEmpty()) {
      throw new ParameterValidationException(problems);
    }
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(template.optionsClass());
  }

  /** {@code --name=value} arguments as a map; a bare {@code --flag} means {@code true}. */
  static Map<String, String> parameters(String[] args, List<String> problems) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || arg.length() == 2) {
        problems.add("argument '" + arg + "' is not of the form --name=value");
        continue;
      }
      int equals = arg.indexOf('=');
      if (equals < 0) {
        parameters.put(arg.substring(2), "true");
      } else {
        parameters.put(arg.substring(2, equals), arg.substring(equals + 1));
      }
    }
    return parameters;
  }
}
