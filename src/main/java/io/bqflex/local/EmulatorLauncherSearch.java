package io.bqflex.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Finds Google's Pub/Sub emulator launcher, which ships inside the Cloud SDK as {@code
 * platform/pubsub-emulator/bin/cloud-pubsub-emulator}. Where the SDK lives differs per install
 * method (apt, snap, tarball, Homebrew), so we ask in order of how explicit the answer is.
 */
final class EmulatorLauncherSearch {
  static final Path LAUNCHER_IN_SDK =
      Path.of("platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator");

  /** Where the installers we know of put the SDK; tried last. */
  static final List<Path> COMMON_SDK_ROOTS =
      List.of(
          Path.of("/usr/lib/google-cloud-sdk"),
          Path.of("/usr/share/google-cloud-sdk"),
          Path.of("/opt/google-cloud-sdk"),
          Path.of("/snap/google-cloud-cli/current"),
          Path.of("/snap/google-cloud-sdk/current"),
          Path.of("/usr/local/share/google-cloud-sdk"),
          Path.of("/opt/homebrew/share/google-cloud-sdk"),
          Path.of("/usr/local/Caskroom/google-cloud-sdk/latest/google-cloud-sdk"),
          Path.of(System.getProperty("user.home"), "google-cloud-sdk"));

  private EmulatorLauncherSearch() {}

  static Optional<Path> find() {
    return find(System.getenv(), EmulatorLauncherSearch::sdkRootFromGcloud, COMMON_SDK_ROOTS);
  }

  /** The first SDK root among: {@code CLOUDSDK_ROOT_DIR}, gcloud's answer, the common roots. */
  static Optional<Path> find(
      Map<String, String> env, Supplier<Optional<Path>> gcloudSdkRoot, List<Path> commonRoots) {
    List<Supplier<Optional<Path>>> candidates = new ArrayList<>();
    candidates.add(
        () ->
            Optional.ofNullable(env.get("CLOUDSDK_ROOT_DIR"))
                .filter(s -> !s.isBlank())
                .map(Path::of));
    candidates.add(gcloudSdkRoot);
    for (Path root : commonRoots) {
      candidates.add(() -> Optional.of(root));
    }
    for (Supplier<Optional<Path>> candidate : candidates) {
      Optional<Path> launcher =
          candidate.get().map(root -> root.resolve(LAUNCHER_IN_SDK)).filter(Files::isExecutable);
      if (launcher.isPresent()) {
        return launcher;
      }
    }
    return Optional.empty();
  }

  /** Asks {@code gcloud info} for its SDK root; empty when gcloud is absent, slow or failing. */
  static Optional<Path> sdkRootFromGcloud() {
    Process gcloud;
    try {
      gcloud =
          new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException notOnPath) {
      return Optional.empty();
    }
    try (InputStream out = gcloud.getInputStream()) {
      gcloud.getOutputStream().close();
      if (!gcloud.waitFor(30, TimeUnit.SECONDS) || gcloud.exitValue() != 0) {
        return Optional.empty();
      }
      String root = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
      return root.isEmpty() ? Optional.empty() : Optional.of(Path.of(root));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      gcloud.destroy();
    }
  }
}
