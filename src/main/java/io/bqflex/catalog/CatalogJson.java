package io.bqflex.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The catalog as JSON, for scripts ({@code list --format=json}, {@code describe --format=json}),
 * the way gcloud users read a resource with {@code --format=json}.
 */
public final class CatalogJson {
  private CatalogJson() {}

  /** One object a template: id, name, mode, source, destination, mainClass. */
  public static String list(List<CatalogEntry> entries) {
    ArrayNode array = ApiJson.JSON.createArrayNode();
    entries.forEach(entry -> array.add(summary(entry)));
    return ApiJson.pretty(array);
  }

  /**
   * The summary of {@link #list} plus the cross-parameter rules in words and the whole metadata,
   * exactly as the Flex Template spec embeds it.
   */
  public static String describe(CatalogEntry entry) {
    ObjectNode node = summary(entry);
    ArrayNode rules = node.putArray("rules");
    entry.rules().forEach(rule -> rules.add(rule.description()));
    node.set("metadata", entry.metadata().toJsonTree());
    return ApiJson.pretty(node);
  }

  private static ObjectNode summary(CatalogEntry entry) {
    ObjectNode node = ApiJson.JSON.createObjectNode();
    node.put("id", entry.id());
    node.put("name", entry.metadata().name());
    node.put("mode", entry.mode());
    node.put("source", entry.source());
    node.put("destination", entry.destination());
    node.put("mainClass", entry.mainClass());
    return node;
  }
}
