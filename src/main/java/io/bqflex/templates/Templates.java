package io.bqflex.templates;

import io.bqflex.pipeline.Template;
import java.util.List;
import java.util.Optional;

/** Every template of the catalog. */
public final class Templates {
  private static final List<Template<?>> ALL =
      List.of(
          new GcsCsvToBigQuery(),
          new GcsJsonToBigQuery(),
          new GcsTextToBigQuery(),
          new GcsAvroToBigQuery(),
          new GcsParquetToBigQuery(),
          new PubsubToBigQuery());

  private Templates() {}

  public static List<Template<?>> all() {
    return ALL;
  }

  public static Optional<Template<?>> byId(String id) {
    return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
  }
}
