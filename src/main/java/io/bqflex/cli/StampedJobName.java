package io.bqflex.cli;

import picocli.CommandLine.Option;

/**
 * {@code --job-name} of a one-off launch, whose default (null here) Dataflow's launch preparation
 * stamps with the time. {@code schedule} declares its own: a scheduled job keeps one fixed name.
 */
final class StampedJobName {
  @Option(
      names = "--job-name",
      paramLabel = "NAME",
      description = "Dataflow job name; default: the template id and the UTC time.")
  String value;
}
