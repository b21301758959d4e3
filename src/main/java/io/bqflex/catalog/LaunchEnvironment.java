package io.bqflex.catalog;

import com.google.api.services.dataflow.model.FlexTemplateRuntimeEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The job environment users set most when they launch a Flex Template, named as gcloud's flags name
 * them. It becomes a {@code FlexTemplateRuntimeEnvironment} (a launch request's {@code
 * environment}, a spec's {@code defaultEnvironment}) or gcloud flags. Null or empty means "not
 * set": Dataflow's own default applies.
 */
public record LaunchEnvironment(
    Integer numWorkers,
    Integer maxWorkers,
    String workerMachineType,
    String serviceAccountEmail,
    String tempLocation,
    String stagingLocation,
    String network,
    String subnetwork,
    String workerRegion,
    String workerZone,
    Map<String, String> additionalUserLabels,
    List<String> additionalExperiments,
    StreamingMode streamingMode,
    boolean disablePublicIps,
    boolean enableStreamingEngine) {

  /** Dataflow's limit on {@code maxWorkers}. */
  private static final int MAX_WORKERS = 1000;

  /** Google Cloud's label rules: lower-case letters (any script), digits, '_' and '-'. */
  private static final Pattern LABEL_KEY = Pattern.compile("\\p{Ll}[\\p{Ll}\\p{Nd}_-]{0,62}");

  private static final Pattern LABEL_VALUE = Pattern.compile("[\\p{Ll}\\p{Nd}_-]{0,63}");

  /** Nothing set. */
  public static final LaunchEnvironment NONE =
      new LaunchEnvironment(
          null, null, null, null, null, null, null, null, null, null, null, null, null, false,
          false);

  public LaunchEnvironment {
    additionalUserLabels =
        additionalUserLabels == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(additionalUserLabels));
    additionalExperiments =
        additionalExperiments == null ? List.of() : List.copyOf(additionalExperiments);
  }

  /**
   * Every problem of this environment for a launch of {@code metadata}, one line each naming the
   * flag; empty when it is fine.
   */
  public List<String> problems(TemplateMetadata metadata) {
    List<String> problems = new ArrayList<>();
    if (numWorkers != null && (numWorkers < 1 || numWorkers > MAX_WORKERS)) {
      problems.add("--num-workers: " + numWorkers + " is not between 1 and " + MAX_WORKERS);
    }
    if (maxWorkers != null && (maxWorkers < 1 || maxWorkers > MAX_WORKERS)) {
      problems.add("--max-workers: " + maxWorkers + " is not between 1 and " + MAX_WORKERS);
    }
    if (numWorkers != null && maxWorkers != null && numWorkers > maxWorkers) {
      problems.add(
          "--num-workers: "
              + numWorkers
              + " is more than --max-workers "
              + maxWorkers
              + "; raise --max-workers or lower --num-workers");
    }
    checkGcsFolder("--temp-location", tempLocation, problems);
    checkGcsFolder("--staging-location", stagingLocation, problems);
    if (serviceAccountEmail != null && !serviceAccountEmail.matches("[^@\\s]+@[^@\\s]+")) {
      problems.add(
          "--service-account-email: '"
              + serviceAccountEmail
              + "' is not an email address, e.g. name@project.iam.gserviceaccount.com");
    }
    if (workerRegion != null && workerZone != null) {
      problems.add("--worker-region and --worker-zone: set at most one of them");
    }
    additionalUserLabels.forEach(
        (key, value) -> {
          if (!LABEL_KEY.matcher(key).matches() || !LABEL_VALUE.matcher(value).matches()) {
            problems.add(
                "--additional-user-labels: '"
                    + key
                    + "="
                    + value
                    + "' is not a Google Cloud label: keys start with a lower-case letter, keys"
                    + " and values have at most 63 lower-case letters, digits, '_' or '-'");
          }
        });
    for (String experiment : additionalExperiments) {
      if (experiment.isBlank()) {
        problems.add("--additional-experiments: an experiment is empty; remove the extra comma");
      } else if (experiment.contains(",")) {
        problems.add(
            "--additional-experiments: '"
                + experiment
                + "' contains a comma, which gcloud's flag would split; pass it another way");
      }
    }
    if (streamingMode != null) {
      if (!Boolean.TRUE.equals(metadata.streaming())) {
        problems.add(
            "--streaming-mode: '"
                + metadata.name()
                + "' is a batch template; streaming modes apply to streaming templates only");
      } else if (!streamingMode.supportedBy(metadata)) {
        problems.add(
            "--streaming-mode: the template does not declare "
                + streamingMode.metadataField()
                + " in its metadata; choose a mode it supports");
      }
    }
    return problems;
  }

  private static void checkGcsFolder(String flag, String value, List<String> problems) {
    if (value != null && !value.matches("gs://[^/\\s]+(/\\S*)?")) {
      problems.add(flag + ": '" + value + "' is not a Cloud Storage path gs://BUCKET/FOLDER");
    }
  }

  /**
   * The experiments to pass: the user's, plus the one that selects the streaming mode, since gcloud
   * and our pipeline know the mode only by its experiment.
   */
  public List<String> experiments() {
    List<String> experiments = new ArrayList<>(additionalExperiments);
    if (streamingMode != null) {
      streamingMode.experiment().filter(e -> !experiments.contains(e)).ifPresent(experiments::add);
    }
    return experiments;
  }

  /** This environment in the Dataflow API's model; fields not set stay absent. */
  public FlexTemplateRuntimeEnvironment toApi() {
    FlexTemplateRuntimeEnvironment environment =
        new FlexTemplateRuntimeEnvironment()
            .setNumWorkers(numWorkers)
            .setMaxWorkers(maxWorkers)
            .setMachineType(workerMachineType)
            .setServiceAccountEmail(serviceAccountEmail)
            .setTempLocation(tempLocation)
            .setStagingLocation(stagingLocation)
            .setNetwork(network)
            .setSubnetwork(subnetwork)
            .setWorkerRegion(workerRegion)
            .setWorkerZone(workerZone);
    if (!additionalUserLabels.isEmpty()) {
      environment.setAdditionalUserLabels(new LinkedHashMap<>(additionalUserLabels));
    }
    List<String> experiments = experiments();
    if (!experiments.isEmpty()) {
      environment.setAdditionalExperiments(experiments);
    }
    if (streamingMode != null) {
      environment.setStreamingMode(streamingMode.apiValue());
    }
    if (disablePublicIps) {
      // What gcloud's --disable-public-ips writes.
      environment.setIpConfiguration("WORKER_IP_PRIVATE");
    }
    if (enableStreamingEngine) {
      environment.setEnableStreamingEngine(true);
    }
    return environment;
  }
}
