package io.bqflex.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.catalog.LaunchPreparation;
import io.bqflex.cli.BqflexCommand;
import io.bqflex.pipeline.Template;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * cloudbuild.yaml and the Dockerfile build every template of the catalog, and everything they name
 * (steps, substitutions, classes, files) exists. The build takes its template list from {@code
 * bqflex list}, so this test runs that command as the build does.
 */
class BuildFilesTest {
  private static final Path CLOUDBUILD = Path.of("cloudbuild.yaml");
  private static final Set<String> BUILT_IN_SUBSTITUTIONS = Set.of("PROJECT_ID", "BUILD_ID");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cloudbuild() throws Exception {
    return new Yaml().load(Files.readString(CLOUDBUILD));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps() throws Exception {
    return (List<Map<String, Object>>) cloudbuild().get("steps");
  }

  @Test
  void buildListsEveryRegisteredTemplateWithALoadableMainClass() throws Exception {
    String tsv = captureOut("list", "--templates=all", "--format=tsv");

    List<String> ids = new ArrayList<>();
    for (String line : tsv.lines().toList()) {
      String[] columns = line.split("\t");
      ids.add(columns[0]);
      Template<?> template = Templates.byId(columns[0]).orElseThrow();
      Class<?> main = Class.forName(columns[1]);
      assertEquals(template.getClass(), main, columns[0] + ": main class");
      assertTrue(Modifier.isStatic(main.getMethod("main", String[].class).getModifiers()));
    }
    assertEquals(Templates.all().stream().map(Template::id).toList(), ids);
  }

  @Test
  void cloudbuildListsTemplatesWritesSpecsBuildsImagesAndUploadsSpecsInThatOrder()
      throws Exception {
    List<String> scripts = new ArrayList<>();
    for (Map<String, Object> step : steps()) {
      scripts.add(String.valueOf(step.get("args")));
    }
    int list = indexOf(scripts, "bqflex.jar list --templates=\"${_TEMPLATES}\" --format=tsv");
    int spec = indexOf(scripts, "bqflex.jar spec");
    int image = indexOf(scripts, "--build-arg \"MAIN_CLASS=$$main_class\"");
    int upload = indexOf(scripts, "storage, cp");
    assertTrue(list >= 0 && spec >= list && image > spec && upload > image, scripts.toString());
    assertTrue(scripts.get(0).contains("verify"), "the first step tests and packages");
  }

  @Test
  void cloudbuildStepIdsAreUniqueAndEverySubstitutionIsDeclared() throws Exception {
    Set<String> ids = new HashSet<>();
    for (Map<String, Object> step : steps()) {
      assertTrue(ids.add(String.valueOf(step.get("id"))), "duplicate step id " + step.get("id"));
      Object waitFor = step.get("waitFor");
      if (waitFor instanceof List<?> waits) {
        for (Object wait : waits) {
          assertTrue(ids.contains(wait) || "-".equals(wait), step.get("id") + " waits for " + wait);
        }
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> declared = (Map<String, Object>) cloudbuild().get("substitutions");
    assertEquals("all", declared.get("_TEMPLATES"));
    Matcher used =
        Pattern.compile("(?<!\\$)\\$\\{([A-Z_]+)}").matcher(Files.readString(CLOUDBUILD));
    while (used.find()) {
      String name = used.group(1);
      assertTrue(
          declared.containsKey(name) || BUILT_IN_SUBSTITUTIONS.contains(name),
          "cloudbuild.yaml uses ${" + name + "} but does not declare it");
    }
  }

  @Test
  void specsGoWhereLaunchCommandsLookByDefault() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> declared = (Map<String, Object>) cloudbuild().get("substitutions");
    String bucket =
        String.valueOf(declared.get("_TEMPLATE_BUCKET")).replace("${PROJECT_ID}", "my-project");
    assertTrue(Files.readString(CLOUDBUILD).contains("gs://${_TEMPLATE_BUCKET}/templates/"));
    assertEquals(
        LaunchPreparation.defaultTemplateLocation("my-project", "t"),
        "gs://" + bucket + "/templates/t.json");
  }

  @Test
  void everyClassAndRepositoryFileTheBuildFilesNameExists() throws Exception {
    String files = Files.readString(CLOUDBUILD) + Files.readString(Path.of("Dockerfile"));
    Matcher classes = Pattern.compile("io\\.bqflex(\\.[A-Za-z0-9_]+)+").matcher(files);
    while (classes.find()) {
      Class.forName(classes.group());
    }
    Matcher paths =
        Pattern.compile("\\b(?:metadata|templates)/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*")
            .matcher(Files.readString(CLOUDBUILD).replaceAll("gs://\\S+", ""));
    while (paths.find()) {
      assertTrue(Files.exists(Path.of(paths.group())), "cloudbuild.yaml names " + paths.group());
    }
    assertTrue(Files.isRegularFile(Path.of("Dockerfile")));
  }

  @Test
  void dockerfileCopiesWhatMavenPackageBuilds() throws Exception {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    String pom = Files.readString(Path.of("pom.xml"));
    assertTrue(dockerfile.contains("COPY target/bqflex.jar") && pom.contains("<finalName>bqflex<"));
    assertTrue(
        dockerfile.contains("COPY target/lib/")
            && pom.contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>"));
  }

  private static int indexOf(List<String> scripts, String text) {
    for (int i = 0; i < scripts.size(); i++) {
      if (scripts.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no cloudbuild.yaml step contains: " + text);
  }

  private static String captureOut(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, BqflexCommand.execute(args));
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
