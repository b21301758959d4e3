package io.bqflex.cli;

import io.bqflex.catalog.TemplateDescription;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code describe <id>}: the template's parameters, required first, then by group. */
@Command(name = "describe", description = "Show a template's parameters with help and defaults.")
final class DescribeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TEMPLATE", description = "Template id.")
  String templateId;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(TemplateDescription.render(TemplateIds.entry(templateId)));
    return 0;
  }
}
