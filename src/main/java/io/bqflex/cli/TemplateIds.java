package io.bqflex.cli;

import io.bqflex.catalog.CatalogEntry;
import io.bqflex.pipeline.Template;
import io.bqflex.templates.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Looks up a template by the id a user typed. */
final class TemplateIds {
  private TemplateIds() {}

  static Template<?> resolve(String id) {
    return Templates.byId(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no template '" + id + "'; the catalog has: " + String.join(", ", ids())));
  }

  /** The catalog's view of the template {@code id}: no pipeline is built. */
  static CatalogEntry entry(String id) {
    return entry(resolve(id));
  }

  static CatalogEntry entry(Template<?> template) {
    return template.catalogEntry();
  }

  /** "all" or ids joined by ',' (as cloudbuild.yaml's _TEMPLATES takes them). */
  static List<CatalogEntry> select(String selection) {
    List<CatalogEntry> entries = new ArrayList<>();
    if (selection.isBlank() || selection.equals("all")) {
      Templates.all().forEach(t -> entries.add(entry(t)));
      return entries;
    }
    for (String id : selection.split(",")) {
      entries.add(entry(id.trim()));
    }
    return entries;
  }

  private static List<String> ids() {
    return Templates.all().stream().map(Template::id).collect(Collectors.toList());
  }
}
