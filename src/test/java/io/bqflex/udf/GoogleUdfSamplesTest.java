package io.bqflex.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import org.junit.jupiter.api.Test;

/**
 * Google's published UDF samples (GoogleCloudPlatform/DataflowTemplates,
 * v2/common/src/main/resources/udf-samples/, Apache 2.0; see NOTICE beside the fixtures) run
 * unchanged, each on a record of the kind it was written for. They use ES6 ({@code const}, {@code
 * let}), which Google's templates run on Nashorn's {@code --language=es6} mode.
 */
class GoogleUdfSamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JavaScriptUdf sample(String file) throws Exception {
    String path = UdfFixtures.path(GoogleUdfSamplesTest.class, file).toString();
    return new JavaScriptUdf(UdfSpec.from(path, "process", 0).orElseThrow());
  }

  private static JsonNode apply(String file, String json) throws Exception {
    try (JavaScriptUdf udf = sample(file)) {
      return JSON.readTree(udf.apply(json));
    }
  }

  private static void assertPassesUnchanged(JavaScriptUdf udf, String json) throws Exception {
    assertEquals(JSON.readTree(json), JSON.readTree(udf.apply(json)));
  }

  @Test
  void boilerplateOfGooglesCreateAUdfGuideRuns() throws Exception {
    // https://cloud.google.com/dataflow/docs/guides/templates/create-template-udf
    JsonNode out = apply("guide_boilerplate.js", "{\"id\":7}");
    assertEquals(JSON.readTree("{\"id\":7,\"newField\":1}"), out);
  }

  @Test
  void enrichAddsTheSourceField() throws Exception {
    JsonNode out = apply("enrich.js", "{\"id\":7}");
    assertEquals(JSON.readTree("{\"id\":7,\"source\":\"pos\"}"), out);
  }

  @Test
  void enrichLogTagsAPubsubWrappedLogEntryWithSubscriptionAndCallingApp() throws Exception {
    String message =
        "{\"data\":{\"protoPayload\":{\"authenticationInfo\":"
            + "{\"principalEmail\":\"SA_10001@PROJECT_ID.iam.gserviceaccount.com\"}}},"
            + "\"attributes\":{\"logging.googleapis.com/timestamp\":\"2026-12-01T00:00:00Z\"}}";
    JsonNode data = apply("enrich_log.js", message).get("data");
    assertEquals("audit_logs_subscription", data.get("inputSubscription").asText());
    assertEquals("ERP", data.get("callingAppId").asText());
  }

  @Test
  void enrichLogMapsAnUnknownCallerOfABareLogEntryToOther() throws Exception {
    String entry =
        "{\"protoPayload\":{\"authenticationInfo\":{\"principalEmail\":\"someone@example.com\"}}}";
    JsonNode out = apply("enrich_log.js", entry);
    assertEquals("Other", out.get("callingAppId").asText());
    assertEquals("audit_logs_subscription", out.get("inputSubscription").asText());
  }

  @Test
  void filterDropsDebugEventsAndKeepsTheRest() throws Exception {
    try (JavaScriptUdf udf = sample("filter.js")) {
      assertNull(udf.apply("{\"severity\":\"DEBUG\",\"msg\":\"noise\"}"));
      assertPassesUnchanged(udf, "{\"severity\":\"INFO\",\"msg\":\"kept\"}");
    }
  }

  @Test
  void routeFailsAnEventWithoutSeverityAtTheUdfStageWithItsMessage() throws Exception {
    int line =
        UdfFixtures.lineOf(
            UdfFixtures.path(GoogleUdfSamplesTest.class, "route.js"), "throw new Error");
    try (JavaScriptUdf udf = sample("route.js")) {
      RecordException e = assertThrows(RecordException.class, () -> udf.apply("{\"Id\":\"e-7\"}"));
      assertEquals(Stage.UDF, e.stage());
      assertEquals(
          "UDF 'process' threw at route.js:" + line + ": Error: Unrecognized event. eventId='e-7'",
          e.getMessage());
      assertPassesUnchanged(udf, "{\"severity\":\"WARNING\"}");
    }
  }

  @Test
  void transformNormalisesRedactsAndRemovesFields() throws Exception {
    JsonNode out =
        apply(
            "transform.js",
            "{\"source\":\"POS-Terminal\",\"sensitiveField\":\"4111-1111\","
                + "\"redundantField\":\"x\",\"amount\":3}");
    assertEquals(
        JSON.readTree("{\"source\":\"pos-terminal\",\"sensitiveField\":\"REDACTED\",\"amount\":3}"),
        out);
  }

  @Test
  void transformGivesARecordWithoutSourceTheSourceUnknown() throws Exception {
    assertEquals("unknown", apply("transform.js", "{\"amount\":3}").get("source").asText());
  }

  @Test
  void transformCsvTurnsALineIntoAnObjectOfNamedColumns() throws Exception {
    JsonNode out = apply("transform_csv.js", "Lisbon,Ada,36,blue,espresso");
    assertEquals(
        JSON.readTree(
            "{\"location\":\"Lisbon\",\"name\":\"Ada\",\"age\":\"36\",\"color\":\"blue\","
                + "\"coffee\":\"espresso\"}"),
        out);
  }

  /** Not JSON: a template then dead-letters the record at the UDF stage (ConvertRecords). */
  @Test
  void transformLogReturnsTheRawTextPayload() throws Exception {
    String message =
        "{\"data\":{\"textPayload\":\"kernel: eth0 link up\"},\"attributes\":{\"a\":\"b\"}}";
    try (JavaScriptUdf udf = sample("transform_log.js")) {
      assertEquals("kernel: eth0 link up", udf.apply(message));
    }
  }

  @Test
  void transformLogPassesAStructuredEntryThroughAsJson() throws Exception {
    String entry = "{\"jsonPayload\":{\"status\":200},\"severity\":\"INFO\"}";
    assertEquals(JSON.readTree(entry), apply("transform_log.js", entry));
  }

  @Test
  void transformLogSplunkSetsHecMetadataFromTheLogEntry() throws Exception {
    String message =
        "{\"data\":{\"logName\":\"projects/p/logs/requests\","
            + "\"resource\":{\"type\":\"http_load_balancer\"}},\"attributes\":{\"a\":\"b\"}}";
    JsonNode metadata = apply("transform_log_splunk.js", message).get("_metadata");
    assertEquals(
        JSON.readTree(
            "{\"index\":\"gcp_lb\",\"source\":\"projects/p/logs/requests\","
                + "\"sourcetype\":\"http_load_balancer_logs\"}"),
        metadata);
  }

  @Test
  void transformLogSplunkFallsBackToDefaultsForABareEntry() throws Exception {
    JsonNode out = apply("transform_log_splunk.js", "{\"textPayload\":\"hi\"}");
    assertEquals(
        JSON.readTree("{\"index\":\"gcp\",\"source\":\"default\",\"sourcetype\":\"default\"}"),
        out.get("_metadata"));
    assertFalse(out.has("data"));
  }
}
