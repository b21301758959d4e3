package io.bqflex.cli;

import io.bqflex.catalog.CatalogEntry;
import io.bqflex.catalog.TemplateDocs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code docs}: regenerates templates/<id>/README.md of every template from its metadata. */
@Command(
    name = "docs",
    description = "Regenerate templates/<id>/README.md for every template from its metadata.")
final class DocsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The project directory (holding templates/); default: the current one.")
  Path root;

  @Option(names = "--check", description = "Write nothing; exit 1 when a README is out of date.")
  boolean check;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(root.resolve("templates"))) {
      throw new IllegalArgumentException(
          "--root: found no templates/ folder in "
              + root.toAbsolutePath().normalize()
              + "; run docs from the project root or pass --root <project directory>");
    }
    TemplateDocs docs = new TemplateDocs(root);
    PrintWriter out = spec.commandLine().getOut();
    List<String> stale = new ArrayList<>();
    for (CatalogEntry entry : TemplateIds.select("all")) {
      Path readme = docs.readme(entry.id());
      if (check) {
        if (!docs.isCurrent(entry)) {
          stale.add(readme.toString());
        }
      } else {
        out.println((docs.write(entry) ? "wrote " : "up to date: ") + readme);
      }
    }
    if (!stale.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "bqflex: out of date: "
                  + String.join(", ", stale)
                  + "; run '"
                  + TemplateDocs.COMMAND
                  + "' and commit the result");
      return FailureHandler.FAILED;
    }
    return 0;
  }
}
