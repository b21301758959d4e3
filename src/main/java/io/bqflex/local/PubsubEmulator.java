package io.bqflex.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Google's Pub/Sub emulator, started as a child process on a free loopback port (or an already
 * running one, {@link #attach attached} by URL), with the admin and publish calls a local run
 * needs.
 *
 * <p>Give {@link #rootUrl()} to Beam with {@code PubsubOptions.setPubsubRootUrl}: Beam's Java
 * PubsubIO ignores {@code PUBSUB_EMULATOR_HOST}.
 */
public final class PubsubEmulator implements AutoCloseable {
  static final Duration DEFAULT_START_DEADLINE = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;
  private static final int LOG_TAIL_LINES = 30;

  private final Process process;
  private final Path logFile;
  private final String rootUrl;
  private final PubsubRestClient client;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PubsubEmulator(Process process, Path logFile, String rootUrl) {
    this.process = process;
    this.logFile = logFile;
    this.rootUrl = rootUrl;
    this.client = new PubsubRestClient(rootUrl);
    // A JVM stopped with Ctrl-C or a failing build must not leave an emulator JVM behind.
    this.shutdownHook = process == null ? null : new Thread(this::stopProcessTree, "stop-emulator");
    if (shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  /**
   * The emulator launcher of the installed Cloud SDK: under {@code $CLOUDSDK_ROOT_DIR}, else under
   * the SDK root {@code gcloud info} prints, else under a common install path.
   */
  public static Optional<Path> findLauncher() {
    return EmulatorLauncherSearch.find();
  }

  /** What to tell a user who has no emulator. */
  public static String notInstalledHelp() {
    return "the Pub/Sub emulator is not installed: no "
        + EmulatorLauncherSearch.LAUNCHER_IN_SDK
        + " under $CLOUDSDK_ROOT_DIR, under the SDK root `gcloud info` prints, or under "
        + EmulatorLauncherSearch.COMMON_SDK_ROOTS
        + ". Install it with `gcloud components install pubsub-emulator` (or the"
        + " google-cloud-cli-pubsub-emulator package), or set CLOUDSDK_ROOT_DIR to your Cloud SDK.";
  }

  /** Starts the installed emulator and waits until it answers; see {@link #findLauncher()}. */
  public static PubsubEmulator start() throws IOException {
    Path launcher = findLauncher().orElseThrow(() -> new IOException(notInstalledHelp()));
    return start(launcher, DEFAULT_START_DEADLINE);
  }

  /**
   * Starts {@code launcher --host=127.0.0.1 --port=PORT} on a free port, its output going to a log
   * file in a new temp directory, and waits until it answers HTTP or {@code deadline} passes.
   */
  public static PubsubEmulator start(Path launcher, Duration deadline) throws IOException {
    Path logDir = Files.createTempDirectory("bqflex-pubsub-emulator-");
    for (int attempt = 1; ; attempt++) {
      Path log = logDir.resolve("emulator-" + attempt + ".log");
      int port = freeLoopbackPort();
      Process process =
          new ProcessBuilder(launcher.toString(), "--host=127.0.0.1", "--port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      process.getOutputStream().close();
      PubsubEmulator emulator = new PubsubEmulator(process, log, "http://127.0.0.1:" + port);
      try {
        emulator.awaitReady(launcher, deadline);
        return emulator;
      } catch (IOException | RuntimeException e) {
        emulator.close();
        // Another process may take the port between our probe and the emulator's bind.
        boolean portTaken = tail(log).contains("Address already in use");
        if (!portTaken || attempt == START_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * An emulator someone else runs, at {@code rootUrl} ({@code http://host:port}); close() leaves
   * it.
   */
  public static PubsubEmulator attach(String rootUrl) {
    String url = rootUrl.endsWith("/") ? rootUrl.substring(0, rootUrl.length() - 1) : rootUrl;
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException(
          "Pub/Sub emulator URL '"
              + rootUrl
              + "' is not of the form http://HOST:PORT (for example http://127.0.0.1:8085)");
    }
    return new PubsubEmulator(null, null, url);
  }

  /** {@code http://127.0.0.1:PORT}, what {@code PubsubOptions.setPubsubRootUrl} takes. */
  public String rootUrl() {
    return rootUrl;
  }

  /** The emulator's output, when this JVM started it. */
  public Optional<Path> logFile() {
    return Optional.ofNullable(logFile);
  }

  /** Creates {@code projects/PROJECT/topics/TOPIC}; fails if it exists. */
  public void createTopic(String project, String topic) throws IOException {
    client.createTopic(project, topic);
  }

  /** Whether {@code projects/PROJECT/topics/TOPIC} exists. */
  public boolean topicExists(String project, String topic) throws IOException {
    return client.topicExists(project, topic);
  }

  /** Creates a pull subscription on an existing topic of the same project; fails if it exists. */
  public void createSubscription(
      String project, String subscription, String topic, int ackDeadlineSeconds)
      throws IOException {
    client.createSubscription(project, subscription, topic, ackDeadlineSeconds);
  }

  /** The full names of the subscriptions on a topic (a reader from a topic creates its own). */
  public List<String> listSubscriptions(String project, String topic) throws IOException {
    return client.listSubscriptions(project, topic);
  }

  /** Publishes the messages in order and returns their ids, in the same order. */
  public List<String> publish(String project, String topic, List<OutgoingMessage> messages)
      throws IOException {
    return client.publish(project, topic, messages);
  }

  /** Stops the emulator and every process it started, and waits for them; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true) || process == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs (or ran) anyway.
    }
    stopProcessTree();
  }

  /** The launcher process and its descendants now; for tests that check close() stops them. */
  List<ProcessHandle> processTree() {
    if (process == null) {
      return List.of();
    }
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    tree.add(process.toHandle());
    return tree;
  }

  @Override
  public String toString() {
    return "PubsubEmulator{" + rootUrl + (process == null ? ", attached" : "") + "}";
  }

  private void awaitReady(Path launcher, Duration deadline) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(rootUrl + "/")).timeout(Duration.ofSeconds(2)).build();
    long until = System.nanoTime() + deadline.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw startFailure(
            launcher, "exited with code " + process.exitValue() + " before it answered");
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Keep polling until the deadline.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the Pub/Sub emulator");
      }
      if (System.nanoTime() - until > 0) {
        throw startFailure(launcher, "did not answer within " + deadline.toSeconds() + " s");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the Pub/Sub emulator");
      }
    }
  }

  private IOException startFailure(Path launcher, String what) {
    return new IOException(
        "Pub/Sub emulator "
            + launcher
            + " on "
            + rootUrl
            + " "
            + what
            + ". Check that Java is on its PATH and the port is free; the end of its log "
            + logFile
            + ":\n"
            + tail(logFile));
  }

  /**
   * SIGTERM to the whole tree first (the launcher is a shell script that may run java as a child,
   * and killing only the script would orphan the emulator JVM), then SIGKILL to what outlives the
   * grace period.
   */
  private void stopProcessTree() {
    List<ProcessHandle> tree = processTree();
    tree.forEach(ProcessHandle::destroy);
    if (!awaitExit(tree, STOP_GRACE)) {
      tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      awaitExit(tree, STOP_GRACE);
    }
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration grace) {
    long until = System.nanoTime() + grace.toNanos();
    for (ProcessHandle handle : processes) {
      try {
        handle.onExit().get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      // Lenient decoding: a log with a stray non-UTF-8 byte must still show its tail.
      List<String> lines =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(log unreadable: " + e + ")";
    }
  }
}
