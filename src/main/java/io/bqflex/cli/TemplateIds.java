package io.bqflex.cli;

import io.bqflex.pipeline.Template;
import io.bqflex.templates.Templates;
import java.util.stream.Collectors;

/** Looks up a template by the id a user typed. */
final class TemplateIds {
  private TemplateIds() {}

  static Template<?> resolve(String id) {
    return Templates.byId(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no template '"
                        + id
                        + "'; the catalog has: "
                        + Templates.all().stream()
                            .map(Template::id)
                            .collect(Collectors.joining(", "))));
  }
}
