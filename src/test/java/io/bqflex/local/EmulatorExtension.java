package io.bqflex.local;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a running {@link PubsubEmulator} as a parameter. One emulator serves the whole test
 * JVM (it takes ~10 s to start); JUnit closes it when the run ends, failed tests or not.
 *
 * <p>Without an installed emulator the test class is skipped with a printed reason, except in CI
 * ({@code CI} set), where a missing emulator means the build would silently test less: it fails.
 */
public final class EmulatorExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmulatorExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    shared(context).emulatorOrSkip();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PubsubEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context).emulatorOrSkip();
  }

  /**
   * The installed launcher, for tests that start an emulator of their own; skips (or fails in CI)
   * when there is none.
   */
  public static Path launcherOrSkip() {
    return PubsubEmulator.findLauncher()
        .orElseGet(
            () -> {
              skipOrFail(PubsubEmulator.notInstalledHelp());
              throw new AssertionError("unreachable");
            });
  }

  static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  private static void skipOrFail(String reason) {
    if (inCi()) {
      Assertions.fail("CI is set, so the Pub/Sub emulator tests must run, but " + reason);
    }
    System.out.println("Skipping Pub/Sub emulator tests: " + reason);
    Assumptions.abort(reason);
  }

  private static SharedEmulator shared(ExtensionContext context) {
    // The root context's store lives as long as the test run and closes what it holds at the end.
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SharedEmulator.class, key -> SharedEmulator.start(), SharedEmulator.class);
  }

  /**
   * The run's emulator, or why there is none; remembered so each class does not retry for ~60 s.
   */
  private static final class SharedEmulator implements AutoCloseable {
    private final PubsubEmulator emulator;
    private final String notInstalled;
    private final IOException startFailure;

    private SharedEmulator(PubsubEmulator emulator, String notInstalled, IOException startFailure) {
      this.emulator = emulator;
      this.notInstalled = notInstalled;
      this.startFailure = startFailure;
    }

    static SharedEmulator start() {
      if (PubsubEmulator.findLauncher().isEmpty()) {
        return new SharedEmulator(null, PubsubEmulator.notInstalledHelp(), null);
      }
      try {
        return new SharedEmulator(PubsubEmulator.start(), null, null);
      } catch (IOException e) {
        return new SharedEmulator(null, null, e);
      }
    }

    PubsubEmulator emulatorOrSkip() {
      if (startFailure != null) {
        // Installed but broken is a real failure, in CI or not.
        throw new AssertionError(startFailure.getMessage(), startFailure);
      }
      if (emulator == null) {
        skipOrFail(notInstalled);
      }
      return emulator;
    }

    @Override
    public void close() {
      if (emulator != null) {
        emulator.close();
      }
    }
  }
}
