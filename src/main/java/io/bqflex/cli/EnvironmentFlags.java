package io.bqflex.cli;

import io.bqflex.catalog.LaunchEnvironment;
import io.bqflex.catalog.StreamingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The job environment flags, named and written as gcloud's {@code flex-template} flags. */
final class EnvironmentFlags {
  @Option(names = "--num-workers", paramLabel = "N", description = "Initial number of workers.")
  Integer numWorkers;

  @Option(names = "--max-workers", paramLabel = "N", description = "Maximum number of workers.")
  Integer maxWorkers;

  @Option(
      names = "--worker-machine-type",
      paramLabel = "TYPE",
      description = "Worker machine type, e.g. n2-standard-4.")
  String workerMachineType;

  @Option(
      names = "--service-account-email",
      paramLabel = "EMAIL",
      description = "Service account the workers run as.")
  String serviceAccountEmail;

  @Option(names = "--temp-location", paramLabel = "gs://...", description = "Temporary files.")
  String tempLocation;

  @Option(
      names = "--staging-location",
      paramLabel = "gs://...",
      description = "Staged files (the job's jars).")
  String stagingLocation;

  @Option(names = "--network", paramLabel = "NETWORK", description = "VPC network of workers.")
  String network;

  @Option(
      names = "--subnetwork",
      paramLabel = "SUBNETWORK",
      description = "Subnetwork, e.g. regions/REGION/subnetworks/NAME.")
  String subnetwork;

  @Option(names = "--worker-region", paramLabel = "REGION", description = "Region of workers.")
  String workerRegion;

  @Option(names = "--worker-zone", paramLabel = "ZONE", description = "Zone of workers.")
  String workerZone;

  @Option(
      names = "--additional-user-labels",
      split = ",",
      paramLabel = "KEY=VALUE",
      description = "Labels of the job, e.g. team=data,env=prod.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(
      names = "--additional-experiments",
      split = ",",
      paramLabel = "EXPERIMENT",
      description = "Dataflow experiments.")
  List<String> experiments;

  @Option(
      names = "--streaming-mode",
      paramLabel = "MODE",
      description = "exactly-once or at-least-once (streaming templates that support it).")
  String streamingMode;

  @Option(names = "--disable-public-ips", description = "Workers get private IPs only.")
  boolean disablePublicIps;

  @Option(names = "--enable-streaming-engine", description = "Use Streaming Engine.")
  boolean enableStreamingEngine;

  LaunchEnvironment toEnvironment() {
    return new LaunchEnvironment(
        numWorkers,
        maxWorkers,
        workerMachineType,
        serviceAccountEmail,
        tempLocation,
        stagingLocation,
        network,
        subnetwork,
        workerRegion,
        workerZone,
        labels,
        experiments,
        streamingMode == null ? null : StreamingMode.parse(streamingMode),
        disablePublicIps,
        enableStreamingEngine);
  }
}
