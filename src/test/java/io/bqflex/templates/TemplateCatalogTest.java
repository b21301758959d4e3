package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.catalog.CatalogEntry;
import io.bqflex.catalog.MetadataLoader;
import io.bqflex.catalog.OptionsMetadataCheck;
import io.bqflex.catalog.ParameterValidator;
import io.bqflex.catalog.TemplateDocs;
import io.bqflex.catalog.TemplateMetadata;
import io.bqflex.pipeline.Template;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every template is whole: metadata, options in step with it, main class, samples, a current
 * README; and the build files (cloudbuild.yaml, Dockerfile) build every template and reference only
 * what exists.
 */
class TemplateCatalogTest {

  @Test
  void templatesFolderMetadataFolderAndRegistryNameTheSameTemplates() throws Exception {
    Set<String> registered =
        Templates.all().stream().map(Template::id).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(registered, fileNames(Path.of("templates"), ""));
    assertEquals(registered, fileNames(Path.of("metadata"), ".json"));
  }

  @TestFactory
  Stream<DynamicTest> everyTemplateIsComplete() {
    return Templates.all().stream()
        .map(t -> DynamicTest.dynamicTest(t.id(), () -> assertComplete(t)));
  }

  private static void assertComplete(Template<?> template) throws Exception {
    TemplateMetadata metadata = MetadataLoader.loadResource(template.id());

    List<String> mismatches = OptionsMetadataCheck.mismatches(template.optionsClass(), metadata);
    assertTrue(mismatches.isEmpty(), template.id() + ": " + String.join("\n", mismatches));

    Method main = template.getClass().getMethod("main", String[].class);
    assertTrue(Modifier.isStatic(main.getModifiers()), template.id() + ": main is not static");

    CatalogEntry entry = template.catalogEntry();
    assertTrue(
        new TemplateDocs(Path.of(".")).isCurrent(entry),
        "templates/"
            + template.id()
            + "/README.md is missing or out of date: run '"
            + TemplateDocs.COMMAND
            + "' (after mvn -B -q package -DskipTests) and commit the result");

    Path samples = Path.of("templates", template.id(), "samples");
    assertTrue(Files.isRegularFile(samples.resolve("parameters.txt")), samples + "/parameters.txt");
    List<String> problems =
        ParameterValidator.problems(
            metadata, template.parameterRules(), Samples.parameters(template.id()), Set.of());
    assertTrue(problems.isEmpty(), template.id() + " sample: " + problems);
  }

  @Test
  void dockerfileTakesTheMainClassAsBuildArgumentAndShipsTheBuiltJar() throws Exception {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertTrue(dockerfile.contains("ARG MAIN_CLASS"));
    assertTrue(dockerfile.contains("FLEX_TEMPLATE_JAVA_MAIN_CLASS=${MAIN_CLASS}"));
    assertTrue(dockerfile.contains("COPY target/bqflex.jar"));
    assertTrue(
        dockerfile.matches("(?s).*FROM \\S+java17-template-launcher-base:\\d{8}_RC\\d\\d.*"));
  }

  private static Set<String> fileNames(Path dir, String suffix) throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(suffix))
          .map(n -> n.substring(0, n.length() - suffix.length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
