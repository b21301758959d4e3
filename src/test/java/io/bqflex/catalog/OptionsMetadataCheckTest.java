package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.options.Validation;
import org.junit.jupiter.api.Test;

class OptionsMetadataCheckTest {
  private static final Path FIXTURES = Path.of("src/test/resources/OptionsMetadataCheckTest");

  /** A shared io.bqflex super-interface, as templates share source and sink options. */
  public interface SinkOptions extends PipelineOptions {
    @Validation.Required
    String getOutputTable();

    void setOutputTable(String value);
  }

  public enum Format {
    CSV,
    JSON
  }

  /** Extends a Beam interface too: Beam's own properties are not template parameters. */
  public interface MatchingOptions extends SinkOptions, StreamingOptions {
    @Validation.Required
    String getInputFilePattern();

    void setInputFilePattern(String value);

    @Default.Integer(10)
    Integer getMaxErrors();

    void setMaxErrors(Integer value);

    @Default.Double(0.5)
    double getErrorRatio();

    void setErrorRatio(double value);

    @Default.Boolean(true)
    boolean isHasHeader();

    void setHasHeader(boolean value);

    @Default.Enum("CSV")
    Format getFormat();

    void setFormat(Format value);

    String getJSONPath();

    void setJSONPath(String value);
  }

  public interface MismatchingOptions extends SinkOptions {
    String getInputFilePattern(); // required in the metadata

    void setInputFilePattern(String value);

    @Default.Integer(10) // the metadata says 5
    Integer getMaxErrors();

    void setMaxErrors(Integer value);

    String getDelimiter(); // the metadata has a default, the code none

    void setDelimiter(String value);

    @Default.String("\"") // the code has a default, the metadata none
    String getQuote();

    void setQuote(String value);

    String getExtra(); // not in the metadata

    void setExtra(String value);
  }

  @Test
  void findsNoMismatchWhenOptionsAndMetadataAgree() throws Exception {
    TemplateMetadata metadata = MetadataLoader.load(FIXTURES.resolve("matching.json"));

    assertEquals(List.of(), OptionsMetadataCheck.mismatches(MatchingOptions.class, metadata));
  }

  @Test
  void namesPropertiesAsBeamParsesThem() {
    MatchingOptions options =
        PipelineOptionsFactory.fromArgs(
                "--JSONPath=$.record", "--hasHeader=false", "--inputFilePattern=gs://b/x")
            .as(MatchingOptions.class);

    assertEquals("$.record", options.getJSONPath());
    assertEquals(false, options.isHasHeader());
    assertEquals(Format.CSV, options.getFormat());
  }

  @Test
  void reportsEveryMismatchOneLineEach() throws Exception {
    TemplateMetadata metadata = MetadataLoader.load(FIXTURES.resolve("mismatching.json"));

    List<String> mismatches = OptionsMetadataCheck.mismatches(MismatchingOptions.class, metadata);

    assertEquals(7, mismatches.size(), String.join("\n", mismatches));
    assertContains(
        mismatches,
        "parameter 'inputFilePattern' is required in the metadata but"
            + " MismatchingOptions.getInputFilePattern() has no @Validation.Required");
    assertContains(
        mismatches,
        "parameter 'outputTable' is optional in the metadata but"
            + " MismatchingOptions.getOutputTable() has @Validation.Required");
    assertContains(
        mismatches,
        "parameter 'maxErrors' has defaultValue '5' in the metadata but"
            + " MismatchingOptions.getMaxErrors() defaults to '10'");
    assertContains(
        mismatches,
        "parameter 'delimiter' has defaultValue ',' in the metadata but"
            + " MismatchingOptions.getDelimiter() has no @Default");
    assertContains(
        mismatches,
        "parameter 'quote' has no defaultValue in the metadata but"
            + " MismatchingOptions.getQuote() defaults to '\"'");
    assertContains(
        mismatches, "metadata parameter 'colour' is not a property of MismatchingOptions");
    assertContains(mismatches, "property 'extra' of MismatchingOptions is not in the metadata");
  }

  private static void assertContains(List<String> mismatches, String fragment) {
    assertTrue(
        mismatches.stream().anyMatch(m -> m.contains(fragment)),
        "no mismatch contains: " + fragment + "\nin:\n" + String.join("\n", mismatches));
  }
}
