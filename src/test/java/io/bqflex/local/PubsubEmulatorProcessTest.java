package io.bqflex.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Launching, failing and stopping, against fake launcher scripts: no real emulator needed. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake launchers are POSIX shell scripts")
class PubsubEmulatorProcessTest {
  @TempDir Path temp;

  @Test
  void failsWithLogTailWhenLauncherExitsBeforeAnswering() throws IOException {
    Path launcher = fixture("exits-early.sh");

    IOException error =
        assertThrows(
            IOException.class, () -> PubsubEmulator.start(launcher, Duration.ofSeconds(30)));

    assertTrue(error.getMessage().contains(launcher.toString()), error.getMessage());
    assertTrue(error.getMessage().contains("exited with code 3"), error.getMessage());
    assertTrue(error.getMessage().contains("could not find java on PATH"), error.getMessage());
  }

  @Test
  void stopsLauncherChildrenWhenItNeverAnswers() throws Exception {
    Path launcher = fixture("never-answers.sh");

    IOException error =
        assertThrows(
            IOException.class, () -> PubsubEmulator.start(launcher, Duration.ofSeconds(1)));

    assertTrue(error.getMessage().contains("did not answer within"), error.getMessage());
    assertTrue(error.getMessage().contains("never listening"), error.getMessage());
    long childPid = Long.parseLong(Files.readString(temp.resolve("child.pid")).trim());
    Optional<ProcessHandle> child = ProcessHandle.of(childPid);
    assertFalse(child.isPresent() && child.get().isAlive(), "child " + childPid + " still runs");
  }

  @Test
  void findsLauncherUnderCloudsdkRootDirBeforeAskingGcloud() throws IOException {
    Path fromEnv = fakeSdk(temp.resolve("env-sdk"));
    Path fromGcloud = fakeSdk(temp.resolve("gcloud-sdk"));

    Optional<Path> found =
        EmulatorLauncherSearch.find(
            Map.of("CLOUDSDK_ROOT_DIR", fromEnv.toString()),
            () -> Optional.of(fromGcloud),
            List.of());

    assertEquals(Optional.of(fromEnv.resolve(EmulatorLauncherSearch.LAUNCHER_IN_SDK)), found);
  }

  @Test
  void findsLauncherUnderCommonRootWhenEnvAndGcloudHaveNone() throws IOException {
    Path common = fakeSdk(temp.resolve("common-sdk"));

    Optional<Path> found =
        EmulatorLauncherSearch.find(
            Map.of("CLOUDSDK_ROOT_DIR", temp.resolve("empty").toString()),
            () -> Optional.of(temp.resolve("also-empty")),
            List.of(temp.resolve("missing"), common));

    assertEquals(Optional.of(common.resolve(EmulatorLauncherSearch.LAUNCHER_IN_SDK)), found);
  }

  @Test
  void findsNoLauncherWhenNoSdkHasTheEmulator() {
    Optional<Path> found =
        EmulatorLauncherSearch.find(Map.of(), Optional::empty, List.of(temp.resolve("missing")));

    assertEquals(Optional.empty(), found);
  }

  @Test
  void attachedEmulatorKeepsTheGivenUrl() {
    try (PubsubEmulator attached = PubsubEmulator.attach("http://localhost:8085/")) {
      assertEquals("http://localhost:8085", attached.rootUrl());
      assertEquals(Optional.empty(), attached.logFile());
    }
  }

  @Test
  void refusesAttachingToUrlWithoutPort() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> PubsubEmulator.attach("localhost"));

    assertTrue(error.getMessage().contains("'localhost'"), error.getMessage());
  }

  private Path fixture(String name) throws IOException {
    Path script = temp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/PubsubEmulatorProcessTest/" + name)) {
      Files.write(script, in.readAllBytes());
    }
    assertTrue(script.toFile().setExecutable(true), "cannot make " + script + " executable");
    return script;
  }

  private static Path fakeSdk(Path root) throws IOException {
    Path launcher = root.resolve(EmulatorLauncherSearch.LAUNCHER_IN_SDK);
    Files.createDirectories(launcher.getParent());
    Files.writeString(launcher, "#!/bin/sh\n", StandardCharsets.UTF_8);
    assertTrue(launcher.toFile().setExecutable(true));
    return root;
  }
}
