package io.bqflex.cli;

import io.bqflex.catalog.CatalogEntry;
import io.bqflex.catalog.CatalogJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code list}: the catalog, for people (a table) or for scripts and the build (tab-separated). */
@Command(name = "list", description = "List the templates of the catalog.")
final class ListCommand implements Callable<Integer> {
  enum Format {
    table,
    tsv,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--templates",
      paramLabel = "all|ID,...",
      defaultValue = "all",
      description = "Which templates: all (default) or ids joined by ','.")
  String templates;

  @Option(
      names = "--format",
      defaultValue = "table",
      description =
          "table (default); tsv: id, main class, batch|streaming, name, one template a line, no"
              + " header; json: an array of objects with id, name, mode, source, destination and"
              + " mainClass.")
  Format format;

  @Override
  public Integer call() {
    List<CatalogEntry> entries = TemplateIds.select(templates);
    if (format == Format.json) {
      spec.commandLine().getOut().print(CatalogJson.list(entries));
      return 0;
    }
    if (format == Format.tsv) {
      for (CatalogEntry e : entries) {
        spec.commandLine()
            .getOut()
            .println(String.join("\t", e.id(), e.mainClass(), e.mode(), e.metadata().name()));
      }
      return 0;
    }
    int idWidth = "ID".length();
    int nameWidth = "NAME".length();
    for (CatalogEntry e : entries) {
      idWidth = Math.max(idWidth, e.id().length());
      nameWidth = Math.max(nameWidth, e.metadata().name().length());
    }
    String row = "%-" + idWidth + "s  %-" + nameWidth + "s  %-9s  %-20s  %s%n";
    spec.commandLine().getOut().printf(row, "ID", "NAME", "MODE", "SOURCE", "DESTINATION");
    for (CatalogEntry e : entries) {
      spec.commandLine()
          .getOut()
          .printf(row, e.id(), e.metadata().name(), e.mode(), e.source(), e.destination());
    }
    return 0;
  }
}
