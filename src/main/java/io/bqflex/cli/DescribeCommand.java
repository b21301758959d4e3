package io.bqflex.cli;

import io.bqflex.catalog.CatalogEntry;
import io.bqflex.catalog.CatalogJson;
import io.bqflex.catalog.TemplateDescription;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code describe <id>}: the template's parameters, required first, then by group. */
@Command(name = "describe", description = "Show a template's parameters with help and defaults.")
final class DescribeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TEMPLATE", description = "Template id.")
  String templateId;

  @Option(
      names = "--format",
      defaultValue = "text",
      description =
          "text (default) or json: id, name, mode, source, destination, mainClass, rules and the"
              + " whole metadata.")
  Format format;

  enum Format {
    text,
    json
  }

  @Override
  public Integer call() {
    CatalogEntry entry = TemplateIds.entry(templateId);
    spec.commandLine()
        .getOut()
        .print(
            format == Format.json
                ? CatalogJson.describe(entry)
                : TemplateDescription.render(entry));
    return 0;
  }
}
