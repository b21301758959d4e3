package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Our spec is gcloud's spec plus the streaming fields gcloud drops. */
class FlexTemplateSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMAGE = "us-central1-docker.pkg.dev/p/bqflex/t:1";
  private static final List<String> STREAMING_FIELDS =
      List.of("streaming", "supportsAtLeastOnce", "supportsExactlyOnce", "defaultStreamingMode");

  /** Every flag gcloud's build writes into defaultEnvironment, and the same as our environment. */
  private static final List<String> GCLOUD_ENVIRONMENT_FLAGS =
      List.of(
          "--num-workers=2",
          "--max-workers=5",
          "--worker-machine-type=n2-standard-4",
          "--service-account-email=sa@p.iam.gserviceaccount.com",
          "--temp-location=gs://b/tmp",
          "--staging-location=gs://b/staging",
          "--network=net",
          "--subnetwork=regions/us-central1/subnetworks/s",
          "--worker-region=us-east1",
          "--additional-user-labels=team=data,env=prod",
          "--additional-experiments=a,b",
          "--disable-public-ips",
          "--enable-streaming-engine");

  private static final LaunchEnvironment ENVIRONMENT =
      new LaunchEnvironment(
          2,
          5,
          "n2-standard-4",
          "sa@p.iam.gserviceaccount.com",
          "gs://b/tmp",
          "gs://b/staging",
          "net",
          "regions/us-central1/subnetworks/s",
          "us-east1",
          null,
          new LinkedHashMap<>(Map.of("team", "data", "env", "prod")),
          List.of("a", "b"),
          null,
          true,
          true);

  @TestFactory
  Stream<DynamicTest> specEqualsGcloudsPlusTheStreamingFieldsItDrops() throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> catalog = Files.list(Path.of("metadata"))) {
      catalog.sorted().forEach(files::add);
    }
    files.add(Path.of("src/test/resources/FlexTemplateSpecTest/streaming.json"));
    return files.stream()
        .flatMap(
            file ->
                Stream.of(
                    DynamicTest.dynamicTest(
                        file + " without environment",
                        () -> assertSameAsGcloud(file, LaunchEnvironment.NONE, List.of())),
                    DynamicTest.dynamicTest(
                        file + " with environment",
                        () -> assertSameAsGcloud(file, ENVIRONMENT, GCLOUD_ENVIRONMENT_FLAGS))));
  }

  private static void assertSameAsGcloud(
      Path file, LaunchEnvironment environment, List<String> gcloudFlags) throws Exception {
    assumeTrue(Gcloud.available(), Gcloud::unavailableReason);
    TemplateMetadata metadata = MetadataLoader.load(file);
    ObjectNode ours =
        (ObjectNode) JSON.readTree(FlexTemplateSpec.json(metadata, IMAGE, environment));

    List<String> args =
        new ArrayList<>(
            List.of(
                "dataflow",
                "flex-template",
                "build",
                "gs://b/t.json",
                "--image=" + IMAGE,
                "--sdk-language=JAVA",
                "--metadata-file=" + file,
                "--print-only"));
    args.addAll(gcloudFlags);
    Gcloud.Result result = Gcloud.run(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.transcript());
    JsonNode gclouds = JSON.readTree(Gcloud.specJson(result));

    ObjectNode oursWithoutStreaming = ours.deepCopy();
    ObjectNode ourMetadata = (ObjectNode) oursWithoutStreaming.get("metadata");
    for (String field : STREAMING_FIELDS) {
      JsonNode declared = metadata.toJsonTree().get(field);
      assertEquals(declared, ours.get("metadata").get(field), field + " kept as declared");
      ourMetadata.remove(field);
    }
    assertEquals(gclouds, oursWithoutStreaming);
  }

  @Test
  void streamingFixtureKeepsEveryStreamingField() throws Exception {
    TemplateMetadata metadata =
        MetadataLoader.load(Path.of("src/test/resources/FlexTemplateSpecTest/streaming.json"));

    JsonNode spec =
        JSON.readTree(FlexTemplateSpec.json(metadata, IMAGE, LaunchEnvironment.NONE))
            .get("metadata");

    assertTrue(spec.get("streaming").booleanValue());
    assertTrue(spec.get("supportsAtLeastOnce").booleanValue());
    assertTrue(spec.get("supportsExactlyOnce").booleanValue());
    assertEquals("AT_LEAST_ONCE", spec.get("defaultStreamingMode").textValue());
  }

  @Test
  void refusesImagesThatAreNotImageReferences() {
    assertTrue(FlexTemplateSpec.imageProblem("gs://b/image").orElseThrow().contains("--image"));
    assertTrue(FlexTemplateSpec.imageProblem("my image").isPresent());
    assertTrue(FlexTemplateSpec.imageProblem("gcr.io/P/Image:1").orElseThrow().contains("lower"));
    assertTrue(FlexTemplateSpec.imageProblem("gcr.io/p/image:TAG_1").isEmpty());
    assertTrue(FlexTemplateSpec.imageProblem("localhost:5000/p/image@sha256:abc").isEmpty());
  }
}
