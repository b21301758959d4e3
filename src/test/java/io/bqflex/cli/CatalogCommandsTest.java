package io.bqflex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bqflex.catalog.LaunchParameters;
import io.bqflex.pipeline.Template;
import io.bqflex.templates.Templates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each command of the catalog, driven as users type it: valid input, then invalid input. */
class CatalogCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CSV = "gcs-csv-to-bigquery";
  private static final String VALID =
      "inputFilePattern=gs://b/in/*.csv,outputTable=my-project:shop.orders";

  @TempDir Path dir;

  @RegisterExtension final CapturedConsole console = new CapturedConsole();

  private String out() {
    return console.out();
  }

  private String err() {
    return console.err();
  }

  @Test
  void listShowsEveryTemplateWithModeSourceAndDestination() {
    assertEquals(0, BqflexCommand.execute("list"), err());
    assertTrue(out().matches("(?s)ID +NAME +MODE +SOURCE +DESTINATION\n.*"), out());
    assertTrue(
        out().contains(CSV) && out().contains("Cloud Storage files") && out().contains("BigQuery"));
  }

  @Test
  void listAsTsvGivesIdAndMainClassForTheBuild() {
    assertEquals(0, BqflexCommand.execute("list", "--templates=" + CSV, "--format=tsv"), err());
    assertEquals(
        CSV
            + "\tio.bqflex.templates.GcsCsvToBigQuery\tbatch\tCSV files on Cloud Storage to BigQuery\n",
        out());
  }

  @Test
  void listRefusesUnknownTemplateIdNamingTheCatalog() {
    assertEquals(2, BqflexCommand.execute("list", "--templates=" + CSV + ",gcs-xml-to-bigquery"));
    assertTrue(err().contains("no template 'gcs-xml-to-bigquery'") && err().contains(CSV), err());
  }

  @Test
  void describeListsRequiredFirstThenOptionalByGroupWithDefaults() {
    assertEquals(0, BqflexCommand.execute("describe", CSV), err());
    String text = out();
    int required = text.indexOf("Required parameters:");
    int optional = text.indexOf("Optional parameters:");
    assertTrue(required >= 0 && optional > required, text);
    assertTrue(text.indexOf("inputFilePattern") < optional, text);
    assertTrue(text.indexOf("csvFormat") > optional, text);
    assertTrue(text.contains("writeDisposition  (ENUM, default: WRITE_APPEND)"), text);
  }

  @Test
  void validateAcceptsValidParameters() {
    assertEquals(0, BqflexCommand.execute("validate", CSV, "--parameters", VALID), err());
    assertTrue(out().startsWith("ok: 2 parameter(s) valid"), out());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"example.com:my-project:shop.orders", "example.com:my-project.shop.orders"})
  void validateAcceptsTablesInDomainScopedProjects(String table) {
    // Older projects carry a domain prefix (google.com:my-project); a table in one is
    // domain:project:dataset.table or domain:project.dataset.table.
    assertEquals(
        0,
        BqflexCommand.execute(
            "validate",
            CSV,
            "--parameters",
            "inputFilePattern=gs://b/in/*.csv,outputTable=" + table),
        err());
  }

  @Test
  void validateRefusesWithOneLinePerProblemAndExitTwo() {
    int status =
        BqflexCommand.execute(
            "validate", CSV, "--parameters", "outputTable=nope,csvFormat=Weird,inputFilePatern=x");

    assertEquals(2, status);
    List<String> lines = err().lines().toList();
    assertEquals(5, lines.size(), err());
    assertTrue(lines.get(1).startsWith("parameter 'inputFilePattern'"), err());
    assertTrue(err().contains("did you mean 'inputFilePattern'?"), err());
    assertTrue(err().contains("'Weird'"), err());
  }

  @Test
  void specWritesContainerSpecWithImageSdkAndDefaultEnvironment() throws Exception {
    Path file = dir.resolve("specs/t.json");
    int status =
        BqflexCommand.execute(
            "spec",
            CSV,
            "--image",
            "gcr.io/p/t:1",
            "--max-workers",
            "3",
            "--output",
            file.toString());

    assertEquals(0, status, err());
    JsonNode spec = JSON.readTree(file.toFile());
    assertEquals("gcr.io/p/t:1", spec.get("image").textValue());
    assertEquals("JAVA", spec.get("sdkInfo").get("language").textValue());
    assertEquals(3, spec.get("defaultEnvironment").get("maxWorkers").intValue());
    assertFalse(spec.get("metadata").get("streaming").booleanValue());
  }

  @Test
  void specRefusesMissingOrBadImage() {
    assertEquals(2, BqflexCommand.execute("spec", CSV));
    assertTrue(err().contains("--image"), err());
    console.reset();
    assertEquals(
        2, BqflexCommand.execute("spec", CSV, "--image", "gs://b/t.json", "--num-workers=0"));
    assertTrue(err().contains("--image: 'gs://b/t.json' is a Cloud Storage path"), err());
    assertTrue(err().contains("--num-workers: 0"), err());
  }

  @Test
  void launchRequestIsTheFlexTemplatesLaunchBody() throws Exception {
    int status =
        BqflexCommand.execute(
            "launch-request",
            CSV,
            "--parameters",
            "^~^" + VALID.replace(',', '~') + "~clusteringFields=a,b",
            "--template-location",
            "gs://my-bucket/templates/t.json",
            "--job-name",
            "orders-1",
            "--service-account-email",
            "w@p.iam.gserviceaccount.com",
            "--additional-user-labels",
            "team=data");

    assertEquals(0, status, err());
    JsonNode parameter = JSON.readTree(out()).get("launchParameter");
    assertEquals("orders-1", parameter.get("jobName").textValue());
    assertEquals(
        "gs://my-bucket/templates/t.json", parameter.get("containerSpecGcsPath").textValue());
    assertEquals("a,b", parameter.get("parameters").get("clusteringFields").textValue());
    assertEquals(
        "w@p.iam.gserviceaccount.com",
        parameter.get("environment").get("serviceAccountEmail").textValue());
  }

  @Test
  void launchRequestRefusesBadJobNameAndMissingSpecLocation() {
    int status =
        BqflexCommand.execute(
            "launch-request", CSV, "--parameters", VALID, "--job-name", "Orders_1");

    assertEquals(2, status);
    assertTrue(err().contains("--job-name: 'Orders_1' is not a Dataflow job name"), err());
    assertTrue(err().contains("--template-location: give the spec's Cloud Storage path"), err());
  }

  @Test
  void gcloudRunPrintsTheEquivalentCommandWithEscapedParameters() {
    int status =
        BqflexCommand.execute(
            "gcloud-run",
            CSV,
            "--project",
            "my-project",
            "--region",
            "europe-west4",
            "--parameters",
            "^~^" + VALID.replace(',', '~') + "~clusteringFields=a,b");

    assertEquals(0, status, err());
    String line = out();
    assertTrue(
        line.matches("(?s)gcloud dataflow flex-template run gcs-csv-to-bigquery-\\d{8}-\\d{6} .*"),
        line);
    assertTrue(line.contains("--region=europe-west4"), line);
    assertTrue(
        line.contains(
            "--template-file-gcs-location=gs://my-project-dataflow-templates/templates/"
                + CSV
                + ".json"),
        line);
    String parameters = line.substring(line.indexOf("--parameters=") + "--parameters=".length());
    parameters = parameters.substring(0, parameters.indexOf('\n'));
    assertTrue(parameters.startsWith("'^~^"), parameters);
    Map<String, String> parsed =
        LaunchParameters.parse(parameters.substring(1, parameters.lastIndexOf('\'')));
    assertEquals("a,b", parsed.get("clusteringFields"));
  }

  @Test
  void gcloudRunRefusesInvalidParameters() {
    assertEquals(2, BqflexCommand.execute("gcloud-run", CSV, "--project", "my-project"));
    assertTrue(err().contains("parameter 'inputFilePattern'"), err());
    assertEquals("", out());
  }

  @Test
  void scheduleWritesBodyFileAndPrintsSchedulerCommand() throws Exception {
    Path body = dir.resolve("body.json");
    int status =
        BqflexCommand.execute(
            "schedule",
            CSV,
            "--schedule",
            "0 3 * * *",
            "--time-zone",
            "Europe/Berlin",
            "--parameters",
            VALID,
            "--region",
            "europe-west4",
            "--project",
            "my-project",
            "--service-account",
            "scheduler@my-project.iam.gserviceaccount.com",
            "--body-file",
            body.toString());

    assertEquals(0, status, err());
    JsonNode request = JSON.readTree(body.toFile()).get("launchParameter");
    assertEquals(CSV, request.get("jobName").textValue());
    assertEquals(
        "my-project:shop.orders", request.get("parameters").get("outputTable").textValue());
    assertTrue(out().startsWith("gcloud scheduler jobs create http " + CSV + " "), out());
    assertTrue(out().contains("--message-body-from-file=" + body), out());
    assertTrue(out().contains("--schedule='0 3 * * *'"), out());
  }

  @Test
  void scheduleOfStreamingTemplateSaysItOnlyRestartsAStoppedJob() throws Exception {
    int status =
        BqflexCommand.execute(
            "schedule",
            "pubsub-to-bigquery",
            "--schedule=*/10 * * * *",
            "--time-zone=Etc/UTC",
            "--parameters=inputTopic=projects/my-project/topics/orders,outputTableSpec=my-project:d.t",
            "--region=us-central1",
            "--project=my-project",
            "--service-account=s@my-project.iam.gserviceaccount.com",
            "--body-file=" + dir.resolve("body.json"));

    assertEquals(0, status, err());
    assertTrue(err().contains("is a streaming template"), err());
    assertTrue(err().contains("restarts the job only when it has stopped"), err());
  }

  @Test
  void scheduleWritesBodyFileForBatchWithoutStreamingNote() throws Exception {
    int status =
        BqflexCommand.execute(
            "schedule",
            CSV,
            "--schedule=0 3 * * *",
            "--time-zone=Etc/UTC",
            "--parameters=" + VALID,
            "--region=us-central1",
            "--project=my-project",
            "--service-account=s@my-project.iam.gserviceaccount.com",
            "--body-file=" + dir.resolve("batch.json"));

    assertEquals(0, status, err());
    assertTrue(!err().contains("streaming template"), err());
  }

  @Test
  void scheduleAsTerraformPrintsCloudSchedulerResource() {
    int status =
        BqflexCommand.execute(
            "schedule",
            CSV,
            "--terraform",
            "--schedule=0 3 * * *",
            "--time-zone=Etc/UTC",
            "--parameters=" + VALID,
            "--region=us-central1",
            "--project=my-project",
            "--service-account=s@my-project.iam.gserviceaccount.com");

    assertEquals(0, status, err());
    assertTrue(out().startsWith("resource \"google_cloud_scheduler_job\" \"gcs_csv_to_bigquery\""));
    assertTrue(out().contains("service_account_email = \"s@my-project.iam.gserviceaccount.com\""));
  }

  @Test
  void scheduleRefusesBadScheduleTimeZoneAndMissingProjectTogether() {
    int status =
        BqflexCommand.execute(
            "schedule",
            CSV,
            "--schedule=daily",
            "--time-zone=Europe/Berlln",
            "--parameters=" + VALID,
            "--region=us-central1",
            "--service-account=s@p.iam.gserviceaccount.com");

    assertEquals(2, status);
    assertTrue(err().contains("--project: required"), err());
    assertTrue(err().contains("--schedule: 'daily' is not a unix-cron schedule"), err());
    assertTrue(err().contains("did you mean 'Europe/Berlin'?"), err());
  }

  @Test
  void docsCheckFailsOnStaleReadmeAndDocsRewritesIt() throws Exception {
    Path root = dir.resolve("checkout");
    for (Template<?> template : Templates.all()) {
      String id = template.id();
      Path samples =
          Files.createDirectories(root.resolve("templates").resolve(id).resolve("samples"));
      Files.copy(
          Path.of("templates", id, "samples", "parameters.txt"), samples.resolve("parameters.txt"));
      Files.writeString(root.resolve("templates").resolve(id).resolve("README.md"), "old\n");
    }
    Files.writeString(
        root.resolve("templates").resolve(CSV).resolve("notes.md"), "## Notes\n\nHand-written.\n");

    assertEquals(1, BqflexCommand.execute("docs", "--root", root.toString(), "--check"));
    assertTrue(err().contains("run 'java -jar target/bqflex.jar docs'"), err());

    assertEquals(0, BqflexCommand.execute("docs", "--root", root.toString()), err());
    String readme = Files.readString(root.resolve("templates").resolve(CSV).resolve("README.md"));
    assertTrue(readme.contains("## Notes\n\nHand-written.\n"), readme);
    assertTrue(readme.contains("| `inputFilePattern` | GCS_READ_FILE |"), readme);
    assertEquals(0, BqflexCommand.execute("docs", "--root", root.toString(), "--check"), err());
  }

  @Test
  void docsOutsideTheProjectRootSaysItFoundNoTemplatesFolder() {
    assertEquals(2, BqflexCommand.execute("docs", "--root", dir.toString(), "--check"));
    assertTrue(err().contains("--root: found no templates/ folder in " + dir), err());
  }

  @Test
  void listAsJsonGivesOneObjectPerTemplate() throws Exception {
    assertEquals(0, BqflexCommand.execute("list", "--format=json"), err());
    JsonNode list = JSON.readTree(out());
    assertEquals(Templates.all().size(), list.size());
    JsonNode csv = list.get(0);
    assertEquals(CSV, csv.get("id").asText(), out());
    assertEquals("batch", csv.get("mode").asText());
    assertEquals("io.bqflex.templates.GcsCsvToBigQuery", csv.get("mainClass").asText());
    assertEquals("Cloud Storage files", csv.get("source").asText());
  }

  @Test
  void describeAsJsonCarriesTheWholeMetadataAndTheRules() throws Exception {
    assertEquals(0, BqflexCommand.execute("describe", "pubsub-to-bigquery", "--format=json"));
    JsonNode described = JSON.readTree(out());
    assertEquals("streaming", described.get("mode").asText());
    assertTrue(
        described
            .get("rules")
            .get(0)
            .asText()
            .matches("Give exactly one of .inputSubscription. or .inputTopic.*"),
        out());
    assertEquals(
        JSON.readTree(Files.readString(Path.of("metadata", "pubsub-to-bigquery.json"))),
        described.get("metadata"));
  }
}
