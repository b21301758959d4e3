package io.bqflex.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.catalog.ParameterValidationException;
import io.bqflex.templates.GcsCsvToBigQuery;
import io.bqflex.templates.PubsubToBigQuery;
import org.junit.jupiter.api.Test;

class TemplateLauncherTest {

  @Test
  void refusesBadLaunchWithOneLinePerProblemNamingEachParameter() {
    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () ->
                TemplateLauncher.options(
                    new GcsCsvToBigQuery(),
                    new String[] {
                      "--inputFilePatern=gs://b/*.csv",
                      "--outputTable=not a table",
                      "--csvFormat=Exel",
                      "--project=my-project"
                    }));
    String message = e.getMessage();
    assertTrue(
        message.contains("inputFilePatern") && message.contains("inputFilePattern"), message);
    assertTrue(message.contains("outputTable"), message);
    assertTrue(message.contains("csvFormat"), message);
    assertTrue(!message.contains("'project'"), "Beam's own options pass: " + message);
    assertEquals(4, message.lines().count(), message);
  }

  @Test
  void acceptsTemplateParametersAlongsideDataflowsOwnOptions() throws Exception {
    GcsCsvToBigQuery.Options options =
        TemplateLauncher.options(
            new GcsCsvToBigQuery(),
            new String[] {
              "--inputFilePattern=gs://b/in/*.csv",
              "--outputTable=my-project:shop.orders",
              "--delimiter=;",
              "--project=my-project",
              "--tempLocation=gs://b/tmp",
              "--region=europe-west1",
              "--labels={\"team\":\"data\"}"
            });
    assertEquals("gs://b/in/*.csv", options.getInputFilePattern());
    assertEquals(";", options.getDelimiter());
    assertEquals("Default", options.getCsvFormat());
  }

  @Test
  void refusesStreamingLaunchWithBothOrNeitherInputAndSaysWhich() {
    String both =
        assertThrows(
                ParameterValidationException.class,
                () ->
                    TemplateLauncher.options(
                        new PubsubToBigQuery(),
                        new String[] {
                          "--inputSubscription=projects/my-project/subscriptions/orders",
                          "--inputTopic=projects/my-project/topics/orders",
                          "--outputTableSpec=my-project:shop.orders"
                        }))
            .getMessage();
    assertTrue(both.contains("'inputSubscription', 'inputTopic'"), both);
    String neither =
        assertThrows(
                ParameterValidationException.class,
                () ->
                    TemplateLauncher.options(
                        new PubsubToBigQuery(),
                        new String[] {"--outputTableSpec=my-project:shop.orders"}))
            .getMessage();
    assertTrue(neither.contains("none is given"), neither);
  }

  @Test
  void acceptsStreamingLaunchWithOneInputAndDataflowsModeExperiment() throws Exception {
    PubsubToBigQuery.Options options =
        TemplateLauncher.options(
            new PubsubToBigQuery(),
            new String[] {
              "--inputTopic=projects/my-project/topics/orders",
              "--outputTableSpec=my-project:shop.orders",
              "--experiments=streaming_mode_at_least_once"
            });
    assertEquals("projects/my-project/topics/orders", options.getInputTopic());
  }

  @Test
  void refusesArgumentsThatAreNotOptions() {
    ParameterValidationException e =
        assertThrows(
            ParameterValidationException.class,
            () ->
                TemplateLauncher.options(
                    new GcsCsvToBigQuery(),
                    new String[] {
                      "inputFilePattern=x",
                      "--outputTable=my-project:shop.orders",
                      "--inputFilePattern=y"
                    }));
    assertTrue(e.getMessage().contains("'inputFilePattern=x'"), e.getMessage());
  }
}
