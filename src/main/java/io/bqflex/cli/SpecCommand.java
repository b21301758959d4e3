package io.bqflex.cli;

import io.bqflex.catalog.CatalogEntry;
import io.bqflex.catalog.FlexTemplateSpec;
import io.bqflex.catalog.LaunchEnvironment;
import io.bqflex.catalog.ParameterValidationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spec <id> --image IMAGE}: the Flex Template spec file, streaming fields included; the
 * environment flags become its {@code defaultEnvironment}.
 */
@Command(
    name = "spec",
    description =
        "Write a template's Flex Template spec (what gcloud's flex-template build writes,"
            + " with the streaming fields it drops).")
final class SpecCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TEMPLATE", description = "Template id.")
  String templateId;

  @Option(
      names = "--image",
      required = true,
      paramLabel = "IMAGE",
      description = "The template's launcher image, e.g. REGION-docker.pkg.dev/P/REPO/ID:TAG.")
  String image;

  @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout.")
  Path output;

  @Mixin EnvironmentFlags environment;

  @Override
  public Integer call() throws Exception {
    CatalogEntry entry = TemplateIds.entry(templateId);
    LaunchEnvironment defaults = environment.toEnvironment();
    List<String> problems = new ArrayList<>(defaults.problems(entry.metadata()));
    FlexTemplateSpec.imageProblem(image).ifPresent(p -> problems.add(0, p));
    if (!problems.isEmpty()) {
      throw new ParameterValidationException(problems);
    }
    Output.write(
        FlexTemplateSpec.json(entry.metadata(), image, defaults),
        output,
        spec.commandLine().getOut());
    return 0;
  }
}
