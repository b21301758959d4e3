package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our strict loader and gcloud agree: what we accept, gcloud builds into a spec. */
class GcloudMetadataCheckTest {
  private static final Path FIXTURES = Path.of("src/test/resources/GcloudMetadataCheckTest");

  @BeforeEach
  void needsGcloud() {
    assumeTrue(Gcloud.available(), Gcloud::unavailableReason);
  }

  @Test
  void gcloudBuildsSpecFromMetadataOurLoaderAccepts() throws Exception {
    Path file = FIXTURES.resolve("valid.json");
    TemplateMetadata metadata = MetadataLoader.load(file);

    Gcloud.Result result = Gcloud.buildFlexTemplateSpec(file);

    assertEquals(0, result.exitCode(), result.transcript());
    JsonNode spec = new ObjectMapper().readTree(Gcloud.specJson(result));
    // gcloud drops the streaming fields (see DESIGN.md); the parameters it must keep as they are.
    assertEquals(metadata.toJsonTree().get("parameters"), spec.get("metadata").get("parameters"));
  }

  @Test
  void gcloudAndOurLoaderBothRefuseMissingHelpText() throws Exception {
    Path file = FIXTURES.resolve("missing-help-text.json");
    assertThrows(MetadataException.class, () -> MetadataLoader.load(file));

    Gcloud.Result result = Gcloud.buildFlexTemplateSpec(file);

    assertNotEquals(0, result.exitCode(), result.transcript());
  }
}
