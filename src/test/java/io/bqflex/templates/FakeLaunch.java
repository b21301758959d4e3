package io.bqflex.templates;

import io.bqflex.pipeline.Template;
import io.bqflex.pipeline.TemplateLauncher;
import io.bqflex.write.BigQueryServicesOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptions;

/** A template's options as a launch parses them, on Beam's in-process BigQuery. */
final class FakeLaunch {
  private FakeLaunch() {}

  /**
   * The options of {@code template} from {@code parameters} (name → value), writing to {@code
   * datasets}.
   */
  static <O extends PipelineOptions> O options(
      Template<O> template, Map<String, String> parameters, FakeDatasetService datasets) {
    List<String> launch = new ArrayList<>();
    parameters.forEach((name, value) -> launch.add("--" + name + "=" + value));
    O options = TemplateLauncher.options(template, launch.toArray(String[]::new));
    BigQueryServicesOverride.install(
        options,
        new FakeBigQueryServices()
            .withDatasetService(datasets)
            .withJobService(new FakeJobService()));
    return options;
  }
}
