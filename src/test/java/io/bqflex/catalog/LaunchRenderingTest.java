package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch rendered as REST body, gcloud command line and Terraform says the same thing, and real
 * tools (sh, terraform) read back exactly what went in.
 */
class LaunchRenderingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");

  @TempDir Path dir;

  private static CatalogEntry streamingEntry() throws Exception {
    return new CatalogEntry(
        "streaming-fixture",
        "io.example.Main",
        MetadataLoader.load(Path.of("src/test/resources/FlexTemplateSpecTest/streaming.json")));
  }

  /** Values a shell, gcloud's delimiter or HCL would each misread if not escaped. */
  private static Map<String, String> trickyParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("inputSubscription", "projects/my-project/subscriptions/orders");
    parameters.put("note", "it's $HOME ${x} %{y} `z` \"q\"");
    parameters.put("outputTable", "my-project:shop.orders");
    parameters.put("mode", "B");
    return parameters;
  }

  private static LaunchPreparation.Request request(
      Map<String, String> parameters, LaunchEnvironment environment, String jobName) {
    return new LaunchPreparation.Request(
        parameters, environment, jobName, null, "my-project", "us-central1");
  }

  @Test
  void derivesJobNameFromIdAndUtcTimeAndSpecLocationFromProject() throws Exception {
    Launch launch =
        LaunchPreparation.prepare(streamingEntry(), request(trickyParameters(), null, null), NOW);

    assertEquals("streaming-fixture-20250304-050607", launch.jobName());
    assertEquals(
        "gs://my-project-dataflow-templates/templates/streaming-fixture.json",
        launch.templateLocation());
  }

  @Test
  void requestCarriesParametersEnvironmentAndStreamingModeInTheApisFieldNames() throws Exception {
    LaunchEnvironment environment =
        new LaunchEnvironment(
            1,
            3,
            "n2-standard-2",
            null,
            "gs://b/tmp",
            null,
            null,
            null,
            null,
            null,
            Map.of("team", "data"),
            List.of("x"),
            StreamingMode.AT_LEAST_ONCE,
            false,
            false);

    Launch launch =
        LaunchPreparation.prepare(
            streamingEntry(), request(trickyParameters(), environment, "job-1"), NOW);
    JsonNode body = JSON.readTree(launch.requestJson()).get("launchParameter");

    assertEquals("job-1", body.get("jobName").textValue());
    assertEquals(trickyParameters(), JSON.convertValue(body.get("parameters"), Map.class));
    JsonNode env = body.get("environment");
    assertEquals("STREAMING_MODE_AT_LEAST_ONCE", env.get("streamingMode").textValue());
    assertEquals(
        List.of("x", "streaming_mode_at_least_once"),
        JSON.convertValue(env.get("additionalExperiments"), List.class));
    assertEquals(3, env.get("maxWorkers").intValue());
    assertEquals("n2-standard-2", env.get("machineType").textValue());
    assertEquals("data", env.get("additionalUserLabels").get("team").textValue());
  }

  @Test
  void refusesEveryBadInputAtOnceOneLineEachNamingTheFlag() throws Exception {
    LaunchEnvironment environment =
        new LaunchEnvironment(
            9,
            2,
            null,
            "not-an-email",
            "/tmp",
            null,
            null,
            null,
            "us-east1",
            "us-east1-b",
            Map.of("Team", "x"),
            null,
            null,
            false,
            false);
    Map<String, String> parameters = new LinkedHashMap<>(trickyParameters());
    parameters.put("mode", "C");

    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () ->
                LaunchPreparation.prepare(
                    streamingEntry(),
                    new LaunchPreparation.Request(
                        parameters, environment, "Bad_Name", "b/t.json", "P", "central"),
                    NOW));

    String all = String.join("\n", e.problems());
    for (String named :
        List.of(
            "parameter 'mode'",
            "--num-workers",
            "--service-account-email",
            "--temp-location",
            "--worker-region and --worker-zone",
            "--additional-user-labels",
            "--job-name",
            "--template-location",
            "--project",
            "--region")) {
      assertTrue(all.contains(named), named + " missing in:\n" + all);
    }
  }

  @Test
  void refusesStreamingModeTheTemplateDoesNotDeclare() throws Exception {
    CatalogEntry batch =
        new CatalogEntry(
            "gcs-csv-to-bigquery",
            "x.Main",
            MetadataLoader.load(Path.of("metadata/gcs-csv-to-bigquery.json")));
    LaunchEnvironment atLeastOnce =
        new LaunchEnvironment(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            StreamingMode.AT_LEAST_ONCE,
            false,
            false);
    Map<String, String> parameters =
        Map.of("inputFilePattern", "gs://b/*.csv", "outputTable", "my-project:shop.orders");

    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () -> LaunchPreparation.prepare(batch, request(parameters, atLeastOnce, null), NOW));

    assertTrue(e.getMessage().startsWith("--streaming-mode:"), e.getMessage());
  }

  @Test
  void shellHandsGcloudExactlyTheWordsAndGcloudSyntaxParsesBackToTheParameters() throws Exception {
    assumeTrue(new File("/bin/sh").canExecute(), "needs /bin/sh");
    LaunchEnvironment environment =
        new LaunchEnvironment(
            null,
            4,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of("team", "data", "env", "prod"),
            null,
            StreamingMode.AT_LEAST_ONCE,
            true,
            false);
    Map<String, String> parameters = trickyParameters();
    parameters.put("note", parameters.get("note") + ",with,commas");
    Launch launch =
        LaunchPreparation.prepare(streamingEntry(), request(parameters, environment, "job-1"), NOW);

    String line = GcloudRun.render(launch, "my-project", "us-central1");
    // A shell function named gcloud shadows the real one and prints each argument it receives.
    String script = "gcloud() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }\n" + line;
    List<String> received = run("/bin/sh", "-c", script);

    List<String> expected = new ArrayList<>();
    GcloudRun.words(launch, "my-project", "us-central1").forEach(expected::addAll);
    assertEquals(expected.subList(1, expected.size()), received);
    String parametersFlag =
        received.stream().filter(a -> a.startsWith("--parameters=")).findFirst().orElseThrow();
    assertEquals(
        parameters, LaunchParameters.parse(parametersFlag.substring("--parameters=".length())));
    assertTrue(received.contains("--additional-experiments=streaming_mode_at_least_once"));
    assertTrue(received.contains("--disable-public-ips"));
  }

  @Test
  void terraformFormatsCleanlyAndItsBodyDecodesToTheRequest() throws Exception {
    assumeTrue(onPath("terraform"), "terraform is not on the PATH: skipping the HCL check");
    Launch launch =
        LaunchPreparation.prepare(
            streamingEntry(), request(trickyParameters(), null, "job-1"), NOW);
    SchedulerJob job =
        new SchedulerJob(
            "nightly", "0 3 * * *", "Etc/UTC", "my-project", "us-central1", "sa@p.iam", launch);
    String hcl = TerraformSchedulerJob.render(job);

    Path resource = Files.writeString(dir.resolve("job.tf"), hcl);
    assertEquals(List.of(), run("terraform", "fmt", "-check", resource.toString()));

    // Evaluate the body expression alone (no provider needed) and compare with the request.
    String bodyExpression =
        hcl.substring(hcl.indexOf("base64encode("), hcl.indexOf("    )\n") + "    )".length());
    Path module = Files.createDirectories(dir.resolve("module"));
    Files.delete(resource);
    Files.writeString(
        module.resolve("main.tf"),
        "output \"body\" {\n  value = base64decode(" + bodyExpression + ")\n}\n");
    run("terraform", "-chdir=" + module, "apply", "-auto-approve", "-input=false");
    String body = String.join("", run("terraform", "-chdir=" + module, "output", "-raw", "body"));
    assertEquals(JSON.readTree(launch.requestJson()), JSON.readTree(body));
  }

  @Test
  void schedulerJobPostsTheLaunchWithACloudPlatformToken() throws Exception {
    Launch launch =
        LaunchPreparation.prepare(
            streamingEntry(), request(trickyParameters(), null, "job-1"), NOW);
    SchedulerJob job =
        new SchedulerJob(
            "nightly", "0 3 * * *", "Etc/UTC", "my-project", "europe-west4", "sa@p.iam", launch);

    String command = job.gcloudCommand("body.json");

    assertTrue(command.startsWith("gcloud scheduler jobs create http nightly"), command);
    assertTrue(
        command.contains(
            "--uri=https://dataflow.googleapis.com/v1b3/projects/my-project/locations/"
                + "europe-west4/flexTemplates:launch"),
        command);
    assertTrue(command.contains("--http-method=POST"), command);
    assertTrue(command.contains("--oauth-token-scope=" + SchedulerJob.OAUTH_SCOPE), command);
    assertTrue(command.contains("--message-body-from-file=body.json"), command);
    assertEquals(
        List.of(
            "--name: 'a b' is not a Cloud Scheduler job name: letters, digits, '-' and '_', at"
                + " most 500"),
        SchedulerJob.problems("a b", "*/5 * * * MON-FRI", "Europe/Berlin", "a@b"));
  }

  /** Runs a command; its stdout split at NUL (or at newlines when there is none). */
  private List<String> run(String... command) throws Exception {
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("TF_IN_AUTOMATION", "1");
    builder.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
    Process process = builder.start();
    assertTrue(process.waitFor(3, TimeUnit.MINUTES), "timed out: " + Arrays.toString(command));
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(
        0,
        process.exitValue(),
        Arrays.toString(command) + "\n" + stdout + Files.readString(err, StandardCharsets.UTF_8));
    if (stdout.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(stdout.split(stdout.indexOf('\0') >= 0 ? "\0" : "\n"));
  }

  private static boolean onPath(String executable) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(File.pathSeparator))
            .anyMatch(d -> Files.isExecutable(Path.of(d, executable)));
  }
}
