package io.bqflex.cli;

import io.bqflex.catalog.CatalogEntry;
import io.bqflex.catalog.LaunchChecks;
import io.bqflex.catalog.LaunchParameters;
import io.bqflex.catalog.ParameterValidationException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate <id> --parameters ...}: only the check, for users' scripts and CI. */
@Command(
    name = "validate",
    description = "Check launch parameters against a template's metadata; exit 2 when invalid.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TEMPLATE", description = "Template id.")
  String templateId;

  @Option(
      names = "--parameters",
      paramLabel = "k=v,...",
      defaultValue = "",
      description = "Launch parameters in gcloud's --parameters syntax.")
  String parameters;

  @Override
  public Integer call() {
    CatalogEntry entry = TemplateIds.entry(templateId);
    Map<String, String> values = LaunchParameters.parse(parameters);
    LaunchChecks.Findings findings = entry.check(values);
    if (!findings.problems().isEmpty()) {
      throw new ParameterValidationException(findings.problems());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "ok: "
            + values.size()
            + " parameter(s) valid for "
            + entry.id()
            + " (every required parameter given)");
    findings.leftToLaunch().forEach(line -> out.println("note: " + line));
    return 0;
  }
}
