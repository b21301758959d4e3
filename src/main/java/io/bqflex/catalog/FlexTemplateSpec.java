package io.bqflex.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;

/**
 * A template's Flex Template spec file (Dataflow's {@code ContainerSpec}), written by us rather
 * than by {@code gcloud dataflow flex-template build}, which drops the metadata's streaming fields
 * ({@code streaming}, {@code supportsAtLeastOnce}, {@code supportsExactlyOnce}, {@code
 * defaultStreamingMode}). Otherwise the two are the same JSON (a test compares them).
 */
public final class FlexTemplateSpec {
  private FlexTemplateSpec() {}

  /** The spec of {@code metadata} for the launcher image {@code image}. */
  public static ObjectNode of(
      TemplateMetadata metadata, String image, LaunchEnvironment defaultEnvironment) {
    // Field order as gcloud writes it, so that the two diff line by line.
    ObjectNode spec = ApiJson.JSON.createObjectNode();
    spec.set("defaultEnvironment", ApiJson.tree(defaultEnvironment.toApi()));
    spec.put("image", image);
    spec.set("metadata", metadata.toJsonTree());
    spec.putObject("sdkInfo").put("language", "JAVA");
    return spec;
  }

  /** The spec as the file to upload. */
  public static String json(
      TemplateMetadata metadata, String image, LaunchEnvironment defaultEnvironment) {
    return ApiJson.pretty(of(metadata, image, defaultEnvironment));
  }

  /** The image without its tag or digest. */
  private static String repository(String image) {
    int at = image.indexOf('@');
    String name = at < 0 ? image : image.substring(0, at);
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
  }

  /** What is wrong with {@code image} as a container image reference, if anything. */
  public static Optional<String> imageProblem(String image) {
    if (image.isBlank() || image.matches(".*\\s.*")) {
      return Optional.of(
          "--image: '"
              + image
              + "' is not an image reference; write REGION-docker.pkg.dev/PROJECT/REPOSITORY/NAME:TAG");
    }
    if (image.startsWith("gs://")) {
      return Optional.of(
          "--image: '"
              + image
              + "' is a Cloud Storage path; --image is the template's container image, e.g."
              + " REGION-docker.pkg.dev/PROJECT/REPOSITORY/NAME:TAG");
    }
    String repository = repository(image);
    if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
      return Optional.of(
          "--image: '"
              + repository
              + "' has upper-case letters; image repositories are lower-case");
    }
    return Optional.empty();
  }
}
