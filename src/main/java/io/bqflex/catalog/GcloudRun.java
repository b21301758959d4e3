package io.bqflex.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code gcloud dataflow flex-template run} command line of a {@link Launch}: one flag a line,
 * every word shell-quoted, {@code --parameters} in gcloud's syntax with its {@code ^~^} escaping.
 */
public final class GcloudRun {
  private static final String CONTINUATION = " \\\n    ";

  private GcloudRun() {}

  /** The command line; {@code project} and {@code region} are left out when null. */
  public static String render(Launch launch, String project, String region) {
    return lines(words(launch, project, region));
  }

  /** The command's words, unquoted: what the shell hands gcloud. */
  public static List<List<String>> words(Launch launch, String project, String region) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("gcloud", "dataflow", "flex-template", "run", launch.jobName()));
    if (project != null) {
      lines.add(List.of("--project=" + project));
    }
    if (region != null) {
      lines.add(List.of("--region=" + region));
    }
    lines.add(List.of("--template-file-gcs-location=" + launch.templateLocation()));
    if (!launch.parameters().isEmpty()) {
      lines.add(List.of("--parameters=" + LaunchParameters.format(launch.parameters())));
    }
    environment(launch.environment(), lines);
    return lines;
  }

  private static void environment(LaunchEnvironment env, List<List<String>> lines) {
    flag(lines, "--num-workers", env.numWorkers());
    flag(lines, "--max-workers", env.maxWorkers());
    flag(lines, "--worker-machine-type", env.workerMachineType());
    flag(lines, "--service-account-email", env.serviceAccountEmail());
    flag(lines, "--temp-location", env.tempLocation());
    flag(lines, "--staging-location", env.stagingLocation());
    flag(lines, "--network", env.network());
    flag(lines, "--subnetwork", env.subnetwork());
    flag(lines, "--worker-region", env.workerRegion());
    flag(lines, "--worker-zone", env.workerZone());
    if (!env.additionalUserLabels().isEmpty()) {
      // gcloud reads this flag as a dict: key=value pairs joined by ','; label keys and values
      // cannot hold ',' or '=' (LaunchEnvironment checks), so no escaping is needed.
      List<String> pairs = new ArrayList<>();
      for (Map.Entry<String, String> label : env.additionalUserLabels().entrySet()) {
        pairs.add(label.getKey() + "=" + label.getValue());
      }
      flag(lines, "--additional-user-labels", String.join(",", pairs));
    }
    if (!env.experiments().isEmpty()) {
      flag(lines, "--additional-experiments", String.join(",", env.experiments()));
    }
    if (env.disablePublicIps()) {
      lines.add(List.of("--disable-public-ips"));
    }
    if (env.enableStreamingEngine()) {
      lines.add(List.of("--enable-streaming-engine"));
    }
  }

  private static void flag(List<List<String>> lines, String flag, Object value) {
    if (value != null) {
      lines.add(List.of(flag + "=" + value));
    }
  }

  /** Words quoted, a line's words joined by spaces, lines joined by backslash-newline. */
  static String lines(List<List<String>> lines) {
    List<String> joined = new ArrayList<>();
    for (List<String> line : lines) {
      joined.add(ShellWords.join(line));
    }
    return String.join(CONTINUATION, joined) + "\n";
  }
}
