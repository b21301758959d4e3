package io.bqflex.local;

import io.bqflex.catalog.ParameterValidationException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * A local run of a template that reads Pub/Sub: the emulator (started here, or one already running
 * at a given URL), the input's topic and subscription, the messages published, and the run stopped
 * once every message is accounted for. What it starts, it stops, also when the run fails.
 */
public final class LocalPubsubRun {
  private final LocalRun run;
  private final LocalPubsubInput input;
  private final List<OutgoingMessage> messages;
  private final PrintStream console;

  public LocalPubsubRun(
      LocalRun run, LocalPubsubInput input, List<OutgoingMessage> messages, PrintStream console) {
    this.run = run;
    this.input = input;
    this.messages = List.copyOf(messages);
    this.console = console;
  }

  /**
   * Runs on the emulator at {@code rootUrl}, or on one started for the run when it is null, and
   * fails with {@link LocalRunTimeoutException} when {@code limit} passes before every message is
   * accounted for.
   */
  public LocalRunResult execute(String rootUrl, Duration limit)
      throws ParameterValidationException, IOException, InterruptedException {
    run.validate();
    try (PubsubEmulator emulator = emulator(rootUrl)) {
      input.create(emulator);
      return run.addPipelineArgs(List.of("--pubsubRootUrl=" + emulator.rootUrl()))
          .afterStart(() -> input.publish(emulator, messages, console))
          .until(LocalRun.accountedFor(messages.size()), limit)
          .execute();
    }
  }

  private PubsubEmulator emulator(String rootUrl) throws IOException {
    if (rootUrl != null) {
      return PubsubEmulator.attach(rootUrl);
    }
    console.println("Starting the Pub/Sub emulator (about 10 s)...");
    PubsubEmulator emulator = PubsubEmulator.start();
    console.println("Pub/Sub emulator at " + emulator.rootUrl());
    return emulator;
  }
}
