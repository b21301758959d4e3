package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every checked-in metadata file passes our strict loader and gcloud's own spec builder. */
class MetadataFilesTest {

  @TestFactory
  Stream<DynamicTest> everyMetadataFileLoadsStrictly() throws Exception {
    return metadataFiles().stream()
        .map(
            f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> MetadataLoader.load(f)));
  }

  @TestFactory
  Stream<DynamicTest> everyMetadataFileIsAcceptedByGcloud() throws Exception {
    return metadataFiles().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      assumeTrue(Gcloud.available(), Gcloud::unavailableReason);
                      Gcloud.Result result = Gcloud.buildFlexTemplateSpec(f);
                      assertEquals(0, result.exitCode(), result.stderr());
                    }));
  }

  private static List<Path> metadataFiles() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("metadata"))) {
      List<Path> all = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertFalse(all.isEmpty(), "no metadata/*.json");
      return all;
    }
  }
}
